export async function importGitCommand(_args: string[]): Promise<number> {
  process.stderr.write('daylight import-git: not built yet\n');
  return 1;
}
