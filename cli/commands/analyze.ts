export async function analyzeCommand(_args: string[]): Promise<number> {
  process.stderr.write('daylight analyze: not built yet\n');
  return 1;
}
