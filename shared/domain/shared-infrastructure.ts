/**
 * One operator behind several identities: the same device id, or the same home address at the same time, in the
 * sign-ins of different contractors. A cross-contractor analysis, so it works on directory numbers and typed
 * arrays in two passes (count the identities per address, then look closer only where there are several) and
 * stays linear in the sign-ins kept, whatever the number of contractors.
 */
import { round } from './analysis/working-hours.js';
import { signedIn } from './evidence/contractor-evidence.js';
import type { EvidenceBook } from './evidence/evidence-book.js';
import type { Span } from './evidence/span-sample.js';
import type { Finding } from './report.js';

/** Two identities on one home address within this long of each other were there at the same time. */
export const OVERLAP_MS = 24 * 60 * 60 * 1000;
const MAX_LISTED = 5;
/**
 * Past this many identities on one home address, pairs are not compared one by one (that grows with the square):
 * each identity is told how many others share it and shown the nearest few. A laptop farm runs dozens of
 * laptops on one line, so such an address stays a finding; an unlisted carrier NAT would look the same, which is
 * why the count is in the evidence.
 */
const MAX_COMPARED_IDENTITIES = 64;
const NEAREST_SHOWN = 10;

interface Use {
  contractor: number;
  first: number;
  last: number;
}

interface Shared {
  kind: 'device' | 'address';
  /** The device id or the address. */
  value: string;
  /** Other identities, with the instants that overlapped (for addresses). */
  others: Map<number, { days: Set<number>; examples: { at: number; otherAt: number }[] }>;
  /** How many identities use the address, when more than are compared pairwise. */
  identities?: number;
}

/** SHARED_INFRASTRUCTURE findings by contractor id, for every contractor who shares anything. */
export function sharedInfrastructureFindings(
  book: EvidenceBook,
  contractorIds: readonly string[],
): Map<string, Finding> {
  const evidence = contractorIds.map((id) => book.get(id));
  const shared = new Map<number, Shared[]>();
  const note = (contractor: number, item: Shared) => {
    const list = shared.get(contractor) ?? [];
    list.push(item);
    shared.set(contractor, list);
  };
  for (const [value, uses] of sharedDeviceIds(book, evidence)) {
    for (const use of uses) {
      const others = new Map<number, { days: Set<number>; examples: { at: number; otherAt: number }[] }>();
      for (const other of uses)
        if (other.contractor !== use.contractor)
          others.set(other.contractor, {
            days: new Set(),
            examples: [{ at: use.first, otherAt: other.first }],
          });
      note(use.contractor, { kind: 'device', value, others });
    }
  }
  for (const [ip, uses] of sharedAddresses(book, evidence)) {
    const identities = new Set(uses.map((u) => u.contractor));
    if (identities.size > MAX_COMPARED_IDENTITIES) {
      crowdedAddress(ip, uses, identities.size).forEach((item, contractor) => {
        note(contractor, item);
      });
      continue;
    }
    const byContractor = new Map<number, Shared>();
    for (let i = 0; i < uses.length; i++) {
      const a = uses[i] as Use;
      for (let j = i + 1; j < uses.length; j++) {
        const b = uses[j] as Use;
        if (b.first - a.first > OVERLAP_MS) break;
        if (b.contractor === a.contractor) continue;
        for (const [self, other] of [
          [a, b],
          [b, a],
        ] as const) {
          let item = byContractor.get(self.contractor);
          if (item === undefined) {
            item = { kind: 'address', value: ip, others: new Map() };
            byContractor.set(self.contractor, item);
          }
          const entry = item.others.get(other.contractor) ?? { days: new Set<number>(), examples: [] };
          entry.days.add(Math.floor(self.first / OVERLAP_MS));
          if (entry.examples.length < 3) entry.examples.push({ at: self.first, otherAt: other.first });
          item.others.set(other.contractor, entry);
        }
      }
    }
    for (const [contractor, item] of byContractor) note(contractor, item);
  }
  const findings = new Map<string, Finding>();
  for (const [contractor, items] of shared)
    findings.set(contractorIds[contractor] as string, finding(items, contractorIds));
  return findings;
}

/**
 * A home address used by more identities than are compared pairwise: each identity is linked to the few whose
 * sign-ins from it came nearest in time (within the overlap window).
 */
function crowdedAddress(ip: string, uses: readonly Use[], identities: number): Map<number, Shared> {
  const out = new Map<number, Shared>();
  for (let i = 0; i < uses.length; i++) {
    const a = uses[i] as Use;
    let item = out.get(a.contractor);
    if (item === undefined) {
      item = { kind: 'address', value: ip, others: new Map(), identities };
      out.set(a.contractor, item);
    }
    for (let j = i + 1; j < uses.length && item.others.size < NEAREST_SHOWN; j++) {
      const b = uses[j] as Use;
      if (b.first - a.first > OVERLAP_MS) break;
      if (b.contractor === a.contractor || item.others.has(b.contractor)) continue;
      item.others.set(b.contractor, {
        days: new Set([Math.floor(a.first / OVERLAP_MS)]),
        examples: [{ at: a.first, otherAt: b.first }],
      });
    }
  }
  for (const [contractor, item] of out) if (item.others.size === 0) out.delete(contractor);
  return out;
}

function finding(items: Shared[], ids: readonly string[]): Finding {
  const others = new Set(items.flatMap((item) => [...item.others.keys()]));
  // Items come in the order sign-ins arrived; listed in an order of their own, the most telling address first.
  const devices = items.filter((i) => i.kind === 'device').sort((a, b) => compareText(a.value, b.value));
  const overlapDays = (item: Shared) => Math.max(0, ...[...item.others.values()].map((o) => o.days.size));
  const addresses = items
    .filter((i) => i.kind === 'address')
    .sort((a, b) => overlapDays(b) - overlapDays(a) || compareText(a.value, b.value));
  const addressDays = Math.max(
    0,
    ...addresses.flatMap((a) => [...a.others.values()].map((o) => o.days.size)),
  );
  const severity = devices.length > 0 || others.size >= 2 || addressDays >= 3 ? 'high' : 'medium';
  const confidence = round(devices.length > 0 ? 0.9 : Math.min(0.9, 0.6 + 0.1 * addressDays));
  const names = [...others].map((o) => ids[o] as string).sort();
  const what = [
    devices.length > 0 ? `device ${devices.map((d) => d.value).join(', ')}` : '',
    addresses.length > 0
      ? `${addresses.length} home address${addresses.length === 1 ? '' : 'es'} at the same time`
      : '',
  ].filter(Boolean);
  return {
    code: 'SHARED_INFRASTRUCTURE',
    severity,
    confidence,
    summary: `Shares ${what.join(' and ')} with ${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''}.`,
    evidence: {
      otherContractors: names,
      devices: devices.map((d) => ({
        deviceId: d.value,
        alsoUsedBy: [...d.others.keys()].map((o) => ids[o]).sort(),
      })),
      addresses: addresses.slice(0, MAX_LISTED).map((a) => ({
        ip: a.value,
        ...(a.identities ? { identitiesOnAddress: a.identities } : {}),
        alsoUsedBy: [...a.others]
          .sort(([x], [y]) => x - y)
          .map(([o, entry]) => ({
            contractorId: ids[o],
            daysOverlapping: entry.days.size,
            examples: entry.examples.map((e) => ({
              at: new Date(e.at).toISOString(),
              otherAt: new Date(e.otherAt).toISOString(),
            })),
          })),
      })),
    },
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type MaybeEvidence = ReturnType<EvidenceBook['get']>;

/** Device ids reported by more than one contractor, each with every contractor's first and last use. */
function sharedDeviceIds(book: EvidenceBook, evidence: readonly MaybeEvidence[]): Map<string, Use[]> {
  const byId = new Map<string, Map<number, Use>>();
  evidence.forEach((e, contractor) => {
    for (const span of e?.deviceSpans() ?? []) {
      const id = book.devices.device(span.ref).id;
      if (id === undefined) continue;
      const uses = byId.get(id) ?? new Map<number, Use>();
      const use = uses.get(contractor);
      if (use === undefined) uses.set(contractor, { contractor, first: span.first, last: span.last });
      else {
        use.first = Math.min(use.first, span.first);
        use.last = Math.max(use.last, span.last);
      }
      byId.set(id, uses);
    }
  });
  const out = new Map<string, Use[]>();
  for (const [id, uses] of byId) if (uses.size > 1) out.set(id, [...uses.values()]);
  return out;
}

/**
 * Home (residential, fixed-line) addresses signed in from by more than one contractor, each with every sign-in
 * hour in time order. Mobile addresses are carrier-grade NAT shared by strangers, and anonymising or corporate
 * exits are shared by design, so neither counts.
 */
function sharedAddresses(book: EvidenceBook, evidence: readonly MaybeEvidence[]): Map<string, Use[]> {
  const { addresses } = book;
  const lastContractor = new Int32Array(addresses.size).fill(-1);
  const identities = new Uint16Array(addresses.size);
  const isHome = (span: Span) => signedIn(span) && addresses.address(span.ref).network.kind === 'residential';
  evidence.forEach((e, contractor) => {
    for (const span of e?.addressSpans() ?? []) {
      if (lastContractor[span.ref] === contractor || !isHome(span)) continue;
      lastContractor[span.ref] = contractor;
      if ((identities[span.ref] as number) < 65535)
        identities[span.ref] = (identities[span.ref] as number) + 1;
    }
  });
  const byAddress = new Map<number, Use[]>();
  evidence.forEach((e, contractor) => {
    for (const span of e?.addressSpans() ?? []) {
      if ((identities[span.ref] as number) < 2 || !isHome(span)) continue;
      const uses = byAddress.get(span.ref) ?? [];
      uses.push({ contractor, first: span.first, last: span.last });
      byAddress.set(span.ref, uses);
    }
  });
  const out = new Map<string, Use[]>();
  for (const [ref, uses] of byAddress)
    out.set(
      addresses.ip(ref),
      // Ties broken by the uses themselves, so the order never depends on the order sign-ins arrived in.
      uses.sort((a, b) => a.first - b.first || a.contractor - b.contractor || a.last - b.last),
    );
  return out;
}
