import { App, Tags } from 'aws-cdk-lib';
import { addComplianceChecks } from './compliance.js';
import { parseStage } from './stage.js';
import { StatefulStack } from './stateful-stack.js';

// Entry point for `cdk synth` / `cdk deploy -c stage=prod`. Environment-agnostic on purpose: nothing
// here looks anything up, so synth works offline and without credentials.
const app = new App();
const stage = parseStage(app.node.tryGetContext('stage'));
addComplianceChecks(app);
Tags.of(app).add('project', 'daylight');
Tags.of(app).add('stage', stage);

new StatefulStack(app, `Daylight-${stage}-Stateful`, {
  stage,
  description: `Daylight ${stage}: telemetry tables, ingest and alert queues, alerts topic, data key`,
});

app.synth();
