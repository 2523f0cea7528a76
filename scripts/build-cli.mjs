// Bundles the CLI and its dependencies into one ESM file so `npx daylight` starts fast without a TypeScript
// loader; subcommands load lazily, so `daylight example` does not pay for the analysis engine's start-up.
import { build } from 'esbuild';

await build({
  entryPoints: ['cli/main.ts'],
  outfile: 'dist/daylight.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
