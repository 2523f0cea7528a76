/**
 * The example dataset: curated personas (plus generated honest ones for scale), their claims, what a correct
 * engine should find, and their telemetry as daily batches so any size streams in bounded memory.
 */
import type { TelemetryEventInput } from '../../shared/schema/events.js';
import { chatEvents } from './chat.js';
import { Contractor, type Window } from './contractor.js';
import { generatedPersona } from './generated.js';
import { CLIENT_CORPORATE_VPN, type NetBlock } from './networks.js';
import type { ClaimInput, Persona, Place } from './persona.js';
import { DECEPTIVE_PERSONAS } from './personas-deceptive.js';
import { HONEST_PERSONAS } from './personas-honest.js';
import { type Timed, workEvents } from './work-events.js';

export const CURATED_PERSONAS: readonly Persona[] = [...HONEST_PERSONAS, ...DECEPTIVE_PERSONAS];

/** Defaults: the window crosses the US (8 Mar), EU (29 Mar) and southern (5 Apr) DST changes with a week to spare. */
export const DEFAULT_START = '2026-03-02';
export const DEFAULT_DAYS = 42;
export const DEFAULT_SEED = '1';

export interface ExampleOptions {
  seed: string;
  start: string;
  days: number;
  /** Total contractors; fewer than the curated set takes an even spread of it, more adds generated ones. */
  contractors?: number;
}

/** The truth about one contractor, for tests and benchmarks (written to personas.json). */
export interface PersonaTruth {
  contractorId: string;
  persona: string;
  honest: boolean;
  truth: Place;
  claimed: Place;
  /** The zone whose clock their working day follows. */
  scheduleZone: string;
  expectedFindings: string[];
  allowedFindings: string[];
  deviceId: string;
  networks: NetBlock[];
}

export function selectPersonas(options: ExampleOptions): Persona[] {
  const curated = CURATED_PERSONAS.length;
  const count = options.contractors ?? curated;
  if (count <= curated) {
    return Array.from(
      { length: count },
      (_, k) => CURATED_PERSONAS[Math.floor((k * curated) / count)] as Persona,
    );
  }
  const extra = Array.from({ length: count - curated }, (_, k) => generatedPersona(options.seed, k));
  return [...CURATED_PERSONAS, ...extra];
}

export function exampleClaims(personas: readonly Persona[]): ClaimInput[] {
  return personas.flatMap((persona) => persona.claims);
}

export function personaTruths(personas: readonly Persona[]): PersonaTruth[] {
  return personas.map((p) => {
    const { network, trip } = p;
    const networks = [network.home, network.homeV6, network.mobile, ...(network.vpn?.exits ?? [])];
    networks.push(network.slip?.block, trip?.network);
    return {
      contractorId: p.contractorId,
      persona: p.persona,
      honest: p.honest,
      truth: p.truth,
      claimed: p.claimed,
      scheduleZone: p.scheduleZone,
      expectedFindings: [...p.expectedFindings],
      allowedFindings: [...p.allowedFindings],
      deviceId: p.device.id,
      networks: [...new Set(networks.filter((n): n is NetBlock => n !== undefined))],
    };
  });
}

/** The example client's network policy (networks.json): its corporate VPN egress, which is no anonymiser. */
export function exampleNetworkPolicy(): { corporateNetworks: { name: string; cidrs: string[] }[] } {
  return { corporateNetworks: [{ name: CLIENT_CORPORATE_VPN.provider, cidrs: [CLIENT_CORPORATE_VPN.cidr] }] };
}

/** Where sources' exports sit in a batch: each source's own records in time order, as exports come. */
const SOURCE_ORDER = ['okta', 'desktop-agent', 'git', 'github', 'jira', 'slack'];

/**
 * The events of each local calendar day of the window, one batch per day across all contractors. Memory stays
 * bounded by one day of all contractors, whatever the number of days.
 */
export function* exampleEvents(
  personas: readonly Persona[],
  options: ExampleOptions,
): Generator<TelemetryEventInput[]> {
  const window: Window = { seed: options.seed, start: options.start, days: options.days };
  const contractors = personas.map((persona) => new Contractor(persona, window));
  for (let day = 0; day < options.days; day++) {
    const batch: Timed[] = [];
    for (const contractor of contractors) {
      batch.push(...workEvents(contractor, day, contractor.random(`work ${day}`)));
      batch.push(...chatEvents(contractor, day, contractor.random(`chat ${day}`)));
    }
    const rank = (timed: Timed) => SOURCE_ORDER.indexOf(timed.event.source ?? '');
    batch.sort((a, b) => rank(a) - rank(b) || a.instant - b.instant);
    yield batch.map((timed) => timed.event);
  }
}
