export async function startCommand(_args: string[]): Promise<number> {
  process.stderr.write('daylight start: not built yet\n');
  return 1;
}
