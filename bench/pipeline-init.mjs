// A Lambda cold start's module init, in a fresh process: times `await import()` of a handler bundle and, given a
// second bundle exporting `openLocator`, then the GeoIP reader's open (the first assessment's extra cost).
//   node [--enable-source-maps] bench/pipeline-init.mjs <handler bundle> [<geoip bundle>]
import { pathToFileURL } from 'node:url';

const [bundle, geoipBundle] = process.argv.slice(2);
const started = performance.now();
const cpu = process.cpuUsage();
const module = await import(pathToFileURL(bundle).href);
const initMs = performance.now() - started;
// CPU time (all threads) as well: on a busy machine the wall time also holds the wait for a CPU.
const { user, system } = process.cpuUsage(cpu);
const initCpuMs = (user + system) / 1000;
if (typeof module.handler !== 'function') throw new Error(`${bundle} exports no handler`);

let geoipMs;
if (geoipBundle !== undefined) {
  const { openLocator } = await import(pathToFileURL(geoipBundle).href);
  const opening = performance.now();
  openLocator();
  geoipMs = performance.now() - opening;
}
process.stdout.write(JSON.stringify({ initMs, initCpuMs, geoipMs }));
