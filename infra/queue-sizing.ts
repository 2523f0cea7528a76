/**
 * Queue settings sized to the functions that consume them. The stateless stack imports the same
 * constants for the functions' timeouts and event-source batching, so the two cannot drift apart.
 */

/** Timeout of the processor Lambda that drains the ingest queue. */
export const PROCESSOR_TIMEOUT_SECONDS = 30;
/** Longest the processor's event source waits to fill a batch. */
export const PROCESSOR_MAX_BATCHING_WINDOW_SECONDS = 5;
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

/** Messages per processor invocation; with the batching window, larger batches merge more events per write. */
export const PROCESSOR_BATCH_SIZE = 10;
/**
 * Concurrent processor invocations the event source may run. Bounded so parallel batches for the same
 * contractor rarely race on a week item (a lost race re-reads and re-merges) and DynamoDB on-demand is not
 * asked for a sudden burst; raise it if the ingest backlog alarm fires.
 */
export const PROCESSOR_MAX_CONCURRENCY = 5;
