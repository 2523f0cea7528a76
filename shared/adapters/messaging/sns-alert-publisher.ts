import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Alert } from '../../domain/alerts.js';
import { AlertPublisher } from '../../ports/messaging.js';
import { wireJson } from '../../schema/wire.js';

/**
 * Publishes each alert to the topic, with `code` and `severity` as message attributes so a team's subscription
 * can filter on them (say, `{"severity":["high"]}`) without reading the body.
 */
export class SnsAlertPublisher extends AlertPublisher {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {
    super();
  }

  async publish(alert: Alert): Promise<void> {
    await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        // Escaped to ASCII: an alert quotes telemetry, whose text may hold characters a topic would refuse.
        Message: wireJson(alert),
        MessageAttributes: {
          code: { DataType: 'String', StringValue: alert.code },
          severity: { DataType: 'String', StringValue: alert.severity },
          contractorId: { DataType: 'String', StringValue: alert.contractorId },
        },
      }),
    );
  }
}
