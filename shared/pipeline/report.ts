import type { Report } from '../domain/report.js';
import { buildStoredReport } from './assess.js';
import type { PipelineDependencies } from './dependencies.js';
import { NotFoundError } from './errors.js';

// Apart from contractors.ts so the claims, list and erasure functions do not load the analysis engine.

/** The contractor's report, built now from everything stored; 404 when nothing is. */
export async function getReport(
  contractorId: string,
  deps: Pick<PipelineDependencies, 'evidence' | 'infrastructure' | 'locator' | 'networkPolicy'>,
): Promise<Report> {
  const { report } = await buildStoredReport(contractorId, deps);
  if (report === null)
    throw new NotFoundError(`no events or claims are stored for contractor '${contractorId}'`);
  return report;
}
