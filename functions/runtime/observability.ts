import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * One logger and one metrics object per function, created once per cold start. Logs carry counts, codes and
 * request ids, never IP addresses or names.
 */
export const logger = new Logger({ serviceName: 'daylight' });
export const metrics = new Metrics({ namespace: 'Daylight', serviceName: 'daylight' });
