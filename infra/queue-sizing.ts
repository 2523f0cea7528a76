import { FUNCTIONS } from '../functions/catalog.js';

/**
 * Queue settings sized to the functions that consume them, read from the same catalog entry the stateless stack
 * builds the processor and its event source from, so the two cannot drift apart.
 */
const processor = FUNCTIONS['process-events'];

/** Timeout of the processor Lambda that drains the ingest queue. */
export const PROCESSOR_TIMEOUT_SECONDS = processor.timeoutSeconds;
/** Longest the processor's event source waits to fill a batch. */
export const PROCESSOR_MAX_BATCHING_WINDOW_SECONDS = processor.trigger.maxBatchingWindowSeconds;
/** Timeout of whatever consumes the alerts queue (a notifier Lambda or an external poller). */
export const ALERT_CONSUMER_TIMEOUT_SECONDS = 30;

/**
 * AWS guidance for Lambda consumers: at least six times the function timeout plus the batching
 * window, so a message is not handed out again while a throttled, retrying invocation still holds it.
 */
export const INGEST_VISIBILITY_TIMEOUT_SECONDS =
  6 * PROCESSOR_TIMEOUT_SECONDS + PROCESSOR_MAX_BATCHING_WINDOW_SECONDS;
export const ALERTS_VISIBILITY_TIMEOUT_SECONDS = 6 * ALERT_CONSUMER_TIMEOUT_SECONDS;

/** A poison message reaches its dead-letter queue after this many receives instead of looping. */
export const MAX_RECEIVE_COUNT = 3;

/** Ingest backlog kept before SQS drops it; long enough to survive a weekend outage. */
export const INGEST_RETENTION_DAYS = 4;
/** Dead-letter queues and undelivered alerts keep messages as long as SQS allows. */
export const DEAD_LETTER_RETENTION_DAYS = 14;
