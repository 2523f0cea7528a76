import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** One receive from the alerts queue (SQS returns at most 10); `waitSeconds` long-polls, 20 at most. */
export async function receiveAlertMessages(
  sqs: SQSClient,
  queueUrl: string,
  waitSeconds: number,
  signal?: AbortSignal,
): Promise<Message[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: Math.min(20, Math.max(0, Math.ceil(waitSeconds))),
      MessageAttributeNames: ['All'],
    }),
    signal === undefined ? {} : { abortSignal: signal },
  );
  return Messages;
}

export async function deleteAlertMessages(
  sqs: SQSClient,
  queueUrl: string,
  messages: Message[],
): Promise<void> {
  if (messages.length === 0) return;
  await sqs.send(
    new DeleteMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
    }),
  );
}
