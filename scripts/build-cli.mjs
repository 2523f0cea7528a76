// Bundles the CLI and its dependencies into one ESM file so `npx daylight` starts fast without a TypeScript
// loader; subcommands load lazily, so `daylight example` does not pay for the analysis engine's start-up.
import { build } from 'esbuild';
import { buildAsnTable } from './build-asn-table.mjs';

// The IP-to-ASN table the CLI reads at start-up (dist/geo/asn-table.bin); skipped while it is up to date.
buildAsnTable();

await build({
  // Workers are entries of their own: worker threads load them by file next to the CLI bundle.
  entryPoints: {
    daylight: 'cli/main.ts',
    'ingest-worker': 'cli/input/ingest-worker.ts',
  },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // The local stack's servers load from node_modules (they are dependencies): they read files of their own.
  external: ['dynalite', 'fauxqs'],
  // CommonJS dependencies (the AWS SDK among them) `require` Node built-ins, which an ESM bundle lacks.
  banner: {
    js: "import { createRequire as __daylightCreateRequire } from 'node:module'; const require = __daylightCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
