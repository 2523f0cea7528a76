import { App, Tags } from 'aws-cdk-lib';
import { addComplianceChecks } from './compliance.js';
import { parseStage } from './stage.js';
import { StatefulStack } from './stateful-stack.js';
import { StatelessStack } from './stateless-stack.js';

// Entry point for `cdk synth` / `cdk deploy -c stage=prod`. Environment-agnostic on purpose: nothing
// here looks anything up, so synth works offline and without credentials.
const app = new App();
const stage = parseStage(app.node.tryGetContext('stage'));
addComplianceChecks(app);
Tags.of(app).add('project', 'daylight');
Tags.of(app).add('stage', stage);

// `-c alertSubscriberAccounts=111122223333,444455556666` lets those accounts subscribe queues to the alerts topic.
const subscribers: unknown = app.node.tryGetContext('alertSubscriberAccounts');
const stateful = new StatefulStack(app, `Daylight-${stage}-Stateful`, {
  stage,
  alertSubscriberAccounts: accountList(subscribers),
  description: `Daylight ${stage}: evidence, profile and alert tables, ingest and alert queues, topics, data key`,
});

// `-c networkPolicy='{"corporateNetworks":[…]}'` sets the VPN allowlist.
const networkPolicy: unknown = app.node.tryGetContext('networkPolicy');
new StatelessStack(app, `Daylight-${stage}-Stateless`, {
  resources: stateful,
  networkPolicy: networkPolicy === undefined ? undefined : contextJson(networkPolicy),
  description: `Daylight ${stage}: ingest, processor and report functions behind an IAM-authorised HTTP API`,
});

app.synth();

/** Account ids from `-c a,b` or a cdk.json array; anything else stops the synth rather than open the topic. */
function accountList(value: unknown): string[] {
  if (value === undefined) return [];
  const accounts = Array.isArray(value)
    ? value.map(String)
    : String(value)
        .split(',')
        .map((a) => a.trim());
  const invalid = accounts.filter((account) => !/^\d{12}$/.test(account));
  if (invalid.length > 0) throw new Error(`alertSubscriberAccounts: not account ids: ${invalid.join(', ')}`);
  return accounts;
}

/** `-c key=…` arrives as a string; a context value in cdk.json may already be an object. */
function contextJson(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
