import type { InfrastructureKey } from '../domain/infrastructure-keys.js';
import type { RiskLevel } from '../domain/report.js';
import { RISK_LEVELS } from '../domain/report.js';
import type { EventQueue } from '../ports/messaging.js';
import type { ProfilePage } from '../ports/profile-store.js';
import { InvalidCursorError } from '../ports/profile-store.js';
import { Claim } from '../schema/claims.js';
import { describeIssues } from '../schema/issues.js';
import type { PipelineDependencies } from './dependencies.js';
import { BadRequestError, NotFoundError } from './errors.js';
import { withVersionRetry } from './retry.js';

/**
 * Stores one claim record (replacing the same source's earlier one) and asks the processor to reassess the
 * contractor, so alerts follow claims as they follow events.
 */
export async function putClaim(
  contractorId: string,
  body: unknown,
  deps: Pick<PipelineDependencies, 'evidence'> & { queue: EventQueue },
): Promise<{ contractorId: string; source: string; sources: string[] }> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new BadRequestError('the body must be one claim record (a JSON object)');
  const given = (body as Record<string, unknown>).contractorId;
  if (given !== undefined && given !== contractorId)
    throw new BadRequestError('the claim is for another contractor', [
      { field: 'contractorId', reason: `must be '${contractorId}' as in the path, or absent` },
    ]);
  const parsed = Claim.safeParse({ ...body, contractorId });
  if (!parsed.success) throw new BadRequestError('the claim record is invalid', describeIssues(parsed.error));
  const claim = parsed.data;
  const sources = await withVersionRetry(async () => {
    const stored = (await deps.evidence.loadContractor(contractorId)).claims;
    const others = (stored?.claims ?? []).filter((c) => c.source !== claim.source);
    if (others.length >= MAX_CLAIM_SOURCES)
      throw new BadRequestError('too many claim sources', [
        {
          field: 'source',
          reason: `a contractor holds at most ${MAX_CLAIM_SOURCES} claim records, one per source; replace one of theirs`,
        },
      ]);
    const claims = [...others, claim];
    claims.sort((a, b) => a.source.localeCompare(b.source));
    await deps.evidence.putClaims(contractorId, claims, stored?.version ?? null);
    return claims.map((c) => c.source);
  });
  await deps.queue.send([{ kind: 'reassess', contractorId }]);
  return { contractorId, source: claim.source, sources };
}

/** Claim records one contractor may hold (one per source): their item stays far below DynamoDB's 400 KB. */
export const MAX_CLAIM_SOURCES = 64;

const DEFAULT_PAGE = 50;
const MAX_PAGE = 100;

/** Contractors at or above a risk level, a page at a time (`minRisk`, `limit` ≤ 100, `cursor` from the last page). */
export async function listContractors(
  query: Record<string, string | undefined>,
  deps: Pick<PipelineDependencies, 'profiles'>,
): Promise<ProfilePage> {
  const minRisk = (query.minRisk ?? 'none') as RiskLevel;
  if (!RISK_LEVELS.includes(minRisk))
    throw new BadRequestError('invalid query', [
      { field: 'minRisk', reason: `must be one of ${RISK_LEVELS.join(', ')}` },
    ]);
  const limit = query.limit === undefined ? DEFAULT_PAGE : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
    throw new BadRequestError('invalid query', [
      { field: 'limit', reason: `must be a whole number from 1 to ${MAX_PAGE}` },
    ]);
  try {
    return await deps.profiles.list({ minRisk, limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
  } catch (error) {
    if (error instanceof InvalidCursorError)
      throw new BadRequestError('invalid query', [
        { field: 'cursor', reason: 'is not a cursor this API returned' },
      ]);
    throw error;
  }
}

/**
 * A privacy request: erases the contractor's stored events (every evidence week), claims, profile and alert
 * state. Alerts already delivered to subscribers' queues are theirs to delete; events still in the ingest queue
 * would store the contractor again, so a telemetry source must stop sending first.
 */
export async function deleteContractor(
  contractorId: string,
  deps: Pick<PipelineDependencies, 'evidence' | 'profiles' | 'alerts' | 'infrastructure'>,
): Promise<{
  contractorId: string;
  erased: { evidenceItems: number; profile: boolean; alertStates: number };
}> {
  // First out of the index (every device id and address, whatever its network): it is found from the weeks.
  const { weeks } = await deps.evidence.loadContractor(contractorId);
  const keys = new Map<string, InfrastructureKey>();
  for (const { snapshot } of weeks) {
    for (const d of snapshot.devices)
      if (d.device.id !== undefined) keys.set(`d${d.device.id}`, { kind: 'device', value: d.device.id });
    for (const a of snapshot.addresses) keys.set(`a${a.ip}`, { kind: 'address', value: a.ip });
  }
  await deps.infrastructure.forget([...keys.values()], contractorId);
  const [alertStates, profile, evidenceItems] = await Promise.all([
    deps.alerts.deleteAll(contractorId),
    deps.profiles.delete(contractorId),
    deps.evidence.deleteContractor(contractorId),
  ]);
  if (evidenceItems === 0 && !profile && alertStates === 0)
    throw new NotFoundError(`nothing is stored for contractor '${contractorId}'`);
  return { contractorId, erased: { evidenceItems, profile, alertStates } };
}
