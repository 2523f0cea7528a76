import { readFile } from 'node:fs/promises';
import { MaxmindIpLocator } from '../../shared/adapters/geoip/maxmind-ip-locator.js';
import { EVENT_SAMPLE_SIZE } from '../../shared/domain/evidence/contractor-evidence.js';
import { buildFleetReports } from '../../shared/domain/fleet-reports.js';
import {
  defaultTimezoneModel,
  parseTimezoneModel,
  type TimezoneModel,
} from '../../shared/domain/timezone/model.js';
import { InputError } from '../errors.js';
import { type CommandSpec, type FlagSpec, helpText, parseFlags, usageError } from '../flags.js';
import { readClaims } from '../input/claims.js';
import { readEvents } from '../input/events.js';
import { describeNoEvents, headOf } from '../input/input-shape.js';
import { describeIoError } from '../input/lines.js';
import { readNetworkPolicy } from '../input/network-policy.js';
import { readEventsInParallel, workersFor } from '../input/parallel-events.js';
import { RejectionLog } from '../output/rejections.js';
import { renderTable, tableWidth } from '../output/table.js';

const SPEC = {
  command: 'analyze',
  usage: [
    'analyze <events.jsonl|-> [--claims <file>] [--networks <policy.json>] [--format table|json]\n' +
      '                        [--model <params.json>] [--independent]',
  ],
  summary:
    "Reads telemetry events (JSON Lines; '-' for standard input), infers when and where each contractor really works,\n" +
    'compares it with their claims and prints one report per contractor. Rejected lines are reported on stderr with\n' +
    'their line number, field and reason; the rest is analysed.',
  flags: {
    claims: {
      type: 'string',
      value: '<file>',
      description: 'claims: a JSON array or JSON Lines of claim records (several sources per contractor)',
    },
    networks: {
      type: 'string',
      value: '<file>',
      description:
        'this deployment\'s network policy: {"corporateNetworks":[{"name","cidrs","asns"}]}; sign-ins\n' +
        'from those corporate VPN egress networks are neither anonymising nor a location',
    },
    format: {
      type: 'string',
      value: '<f>',
      description: 'table (default; for people) or json (the report contract, one JSON array)',
    },
    wide: {
      type: 'boolean',
      description: 'print every cell of the table whole (by default it fits the terminal, or 120 columns)',
    },
    model: {
      type: 'string',
      value: '<file>',
      description: 'timezone model parameters (default: the ones shipped, learned from real histories)',
    },
    independent: {
      type: 'boolean',
      description:
        'judge each contractor on their own events alone (the default; the pipeline does the same)',
    },
    'adapt-to-population': {
      type: 'boolean',
      description:
        'let the offset prior adapt a little (at most 20 %) to where the contractors in this file work:\n' +
        'a team clusters in a few zones, so answers sharpen, but a report then depends on who else is\n' +
        "in the file and can differ from the pipeline's",
    },
  },
  footer:
    'IP geolocation: DB-IP Lite (CC BY 4.0, https://db-ip.com); ASNs: RouteViews, NRO and DB-IP (CC BY 4.0).',
} as const satisfies CommandSpec<Record<string, FlagSpec>>;

export async function analyzeCommand(args: string[]): Promise<number> {
  const options = parseOptions(args);
  if (options === 'help') {
    process.stdout.write(`${helpText(SPEC)}\n`);
    return 0;
  }
  const phase = phaseTimer();
  const model = options.model ? await loadModel(options.model) : undefined;
  const claims = options.claims
    ? await readClaims(options.claims, (message) => process.stderr.write(`${message}\n`))
    : { byContractor: new Map(), rejected: 0 };
  const networkPolicy = options.networks ? await readNetworkPolicy(options.networks) : undefined;
  phase('claims');
  const rejections = new RejectionLog(options.input, (text) => process.stderr.write(text));
  const report = rejections.add;
  const workers = await workersFor(options.input);
  // Opened, and new addresses located, between batches while the parse workers run: the main thread is idle then.
  let locator: MaxmindIpLocator | undefined;
  const openLocator = () => {
    locator ??= MaxmindIpLocator.open();
    return locator;
  };
  const read =
    workers > 1
      ? await readEventsInParallel(
          options.input,
          workers,
          report,
          Date.now(),
          (book) => book.addresses.locateAll(openLocator(), networkPolicy),
          model ?? defaultTimezoneModel,
        )
      : await readEvents(options.input, report);

  phase('events');
  rejections.finish();
  if (read.valid === 0) {
    const name = options.input === '-' ? 'standard input' : options.input;
    throw new InputError(
      describeNoEvents(name, (await headOf(options.input)) || (read.firstLine ?? ''), {
        lines: read.lines,
        rejected: read.rejected,
        commonest: rejections.commonest(),
      }),
    );
  }
  const fleet = {
    locator: openLocator(),
    networkPolicy,
    model,
    adaptPrior: options.adaptToPopulation,
    ...(read.likelihoods ? { likelihoods: read.likelihoods } : {}),
  };
  const reports = buildFleetReports(read.book, claims.byContractor, fleet);

  phase('reports');
  process.stdout.write(
    options.format === 'json'
      ? `${JSON.stringify(reports, null, 2)}\n`
      : `${renderTable(reports, { width: tableWidth(process.stdout, options.wide) })}\n`,
  );
  const distinct = read.book.distinctEvents();
  // The distinct count is exact until a contractor's sample fills; an estimate beyond it never exceeds the events.
  const duplicates = distinct.exact
    ? `${read.valid - distinct.count} duplicate ids counted once`
    : `about ${Math.min(distinct.count, read.valid).toLocaleString('en')} distinct: counts above ${EVENT_SAMPLE_SIZE.toLocaleString('en')} events per contractor are estimated`;
  process.stderr.write(
    `daylight analyze: ${read.lines} lines, ${read.valid} valid events (${duplicates}), ` +
      `${read.rejected} rejected; ${reports.length} contractors` +
      (options.claims ? `; ${claims.rejected} claim records rejected` : '') +
      '\n',
  );
  return 0;
}

interface AnalyzeOptions {
  input: string;
  claims?: string;
  networks?: string;
  format: 'table' | 'json';
  model?: string;
  adaptToPopulation: boolean;
  wide: boolean;
}

function parseOptions(args: string[]): AnalyzeOptions | 'help' {
  const parsed = parseFlags(SPEC, args, 1);
  if (parsed === 'help') return 'help';
  const { values, positionals } = parsed;
  if (positionals.length !== 1)
    throw usageError(SPEC, "expects exactly one events file (or '-' for standard input)");
  if (values.independent === true && values['adapt-to-population'] === true)
    throw usageError(SPEC, '--independent and --adapt-to-population exclude each other');
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json')
    throw usageError(SPEC, `--format must be 'table' or 'json', not '${format}'`);
  return {
    input: positionals[0] ?? '-',
    claims: values.claims,
    networks: values.networks,
    format,
    model: values.model,
    adaptToPopulation: values['adapt-to-population'] ?? false,
    wide: values.wide ?? false,
  };
}

async function loadModel(path: string): Promise<TimezoneModel> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read model ${path}: ${describeIoError(error)}`);
  }
  try {
    return parseTimezoneModel(JSON.parse(text));
  } catch (error) {
    throw new InputError(`model ${path} is not a valid timezone model: ${(error as Error).message}`);
  }
}

/** With DAYLIGHT_TIMINGS set, each call prints how long the phase since the previous call took (stderr). */
function phaseTimer(): (name: string) => void {
  let last = performance.now();
  return (name) => {
    if (!process.env.DAYLIGHT_TIMINGS) return;
    const now = performance.now();
    process.stderr.write(`daylight analyze: ${name} ${Math.round(now - last)} ms\n`);
    last = now;
  };
}
