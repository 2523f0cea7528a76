/** Vitest global setup: CLI tests run the real bin, so bundle it once before any test runs. */
export async function setup(): Promise<void> {
  // @ts-expect-error -- a plain ESM build script without type declarations
  await import('../scripts/build-cli.mjs');
}
