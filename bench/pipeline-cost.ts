/**
 * What a million events would cost on AWS at a run's measured figures, with us-east-1 on-demand prices (arm64
 * Lambda, free tiers ignored): what the events phase of a run did, scaled by 10⁶ / events. Claim records cost
 * per record, not per event, and are left out.
 */
import type { PhaseResult } from './pipeline-regimes.js';
import { sum } from './pipeline-regimes.js';

const PRICE = {
  lambdaRequest: 0.2 / 1e6,
  lambdaGbSecond: 0.0000133334,
  sqsRequest: 0.4 / 1e6,
  dynamoWriteUnit: 0.625 / 1e6,
  dynamoReadUnit: 0.125 / 1e6,
  apiRequest: 1.0 / 1e6,
  snsPublish: 0.5 / 1e6,
};
/** Memory of the two functions on the event path (infra/stateless-stack.ts). */
const INGEST_GB = 0.5;
const PROCESSOR_GB = 1;
/**
 * Lambda gives a function one vCPU at 1,769 MB and a share below: the sandbox's time (one vCPU per thread) is
 * stretched by that share. Conservative for the processor, whose sandbox time also holds dynalite's and fauxqs's
 * work on the same thread, where AWS has network waits that cost no CPU.
 */
const FULL_VCPU_MB = 1769;
const stretch = (gb: number) => Math.max(1, FULL_VCPU_MB / (gb * 1024));
const EVENTS_PER_REQUEST = 500;

export interface CostLine {
  item: string;
  quantity: string;
  usd: number;
}

export function costPerMillion(r: PhaseResult, events: number) {
  const scale = 1e6 / events;
  const apiRequests = 1e6 / EVENTS_PER_REQUEST;
  if (r.requests !== Math.ceil(events / EVENTS_PER_REQUEST)) throw new Error('not the events phase');
  const invocations = r.batches * scale;
  const ingestSeconds = (r.msPerRequest / 1000) * stretch(INGEST_GB);
  const processorSeconds = (r.processMs / 1000) * scale * stretch(PROCESSOR_GB);
  const sqs = (r.usage.sqs.send + r.usage.sqs.receive + r.usage.sqs.delete) * scale;
  const writes = sum(r.usage.write) * scale;
  const reads = sum(r.usage.read) * scale;
  const publishes = r.usage.publishes * scale;
  const q = (x: number) => Math.round(x).toLocaleString('en');
  const lines: CostLine[] = [
    {
      item: 'API Gateway (HTTP API)',
      quantity: `${q(apiRequests)} requests`,
      usd: apiRequests * PRICE.apiRequest,
    },
    {
      item: 'Lambda requests',
      quantity: `${q(apiRequests)} ingest + ${q(invocations)} processor`,
      usd: (apiRequests + invocations) * PRICE.lambdaRequest,
    },
    {
      item: 'Lambda ingest, 512 MB',
      quantity: `${q(apiRequests * ingestSeconds * INGEST_GB)} GB-s (${(ingestSeconds * 1000).toFixed(0)} ms each)`,
      usd: apiRequests * ingestSeconds * INGEST_GB * PRICE.lambdaGbSecond,
    },
    {
      item: 'Lambda processor, 1,024 MB',
      quantity: `${q(processorSeconds * PROCESSOR_GB)} GB-s (${((processorSeconds * 1000) / invocations).toFixed(0)} ms each)`,
      usd: processorSeconds * PROCESSOR_GB * PRICE.lambdaGbSecond,
    },
    {
      item: 'SQS ingest queue (send, receive, delete; 64 KB chunks)',
      quantity: `${q(sqs)} requests`,
      usd: sqs * PRICE.sqsRequest,
    },
    { item: 'DynamoDB writes', quantity: `${q(writes)} write units`, usd: writes * PRICE.dynamoWriteUnit },
    { item: 'DynamoDB reads', quantity: `${q(reads)} read units`, usd: reads * PRICE.dynamoReadUnit },
    { item: 'SNS alerts', quantity: `${q(publishes)} publishes`, usd: publishes * PRICE.snsPublish },
  ];
  return { lines, total: lines.reduce((t, l) => t + l.usd, 0) };
}
