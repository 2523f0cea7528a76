export async function exampleCommand(_args: string[]): Promise<number> {
  process.stderr.write('daylight example: not built yet\n');
  return 1;
}
