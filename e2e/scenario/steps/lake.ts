/**
 * b. lake: the buckets of the config (built-ins included) exist with their versioning and expiry,
 * and identities get exactly what their grants say: the jobs' prefixes, Streamlit's read-only
 * gold, MLflow's own bucket (action lists: __tests__/seaweedfs-store.test.ts). Requests go to
 * the S3 port on the host with the AWS SDK, as each identity, with the secrets from the state.
 */
import {
  GetBucketLifecycleConfigurationCommand,
  GetBucketVersioningCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { log } from '../../lib/log';
import { AssertionFailed, check, checkSameSet, uniqueSuffix } from '../assert';
import { expectedBuckets, ExpectedBucket } from '../model';
import type { ScenarioStep } from '../runner';
import { checkMatrix, Expectation, getText, lakeClient, outcome, putText } from '../s3';
import { identity, lakeSecrets } from '../state';

async function checkBucket(admin: S3Client, b: ExpectedBucket): Promise<string> {
  const versioning = (await admin.send(new GetBucketVersioningCommand({ Bucket: b.name }))).Status;
  if (b.versioned) check(versioning === 'Enabled', `bucket ${b.name}: versioning must be Enabled, is ${versioning ?? 'unset'}`);
  else check(versioning !== 'Enabled', `bucket ${b.name}: versioning must not be Enabled`);

  let expiry = 'none';
  const got = await outcome(async () => {
    const rules = (await admin.send(new GetBucketLifecycleConfigurationCommand({ Bucket: b.name }))).Rules ?? [];
    const days = rules.filter((r) => r.Status === 'Enabled').map((r) => r.Expiration?.Days);
    expiry = days.length ? `${days.join(', ')} days` : 'none';
    if (b.expireDays !== undefined) check(days.includes(b.expireDays), `bucket ${b.name}: a lifecycle rule must expire objects after ${b.expireDays} days; rules: ${JSON.stringify(rules)}`);
  });
  // A bucket without expiry has no lifecycle configuration (the provisioner removes it).
  if (b.expireDays === undefined) check(got === 'NoSuchLifecycleConfiguration' || expiry === 'none', `bucket ${b.name}: must not expire objects, has ${expiry}`);
  else check(got === 'allowed', `bucket ${b.name}: GetBucketLifecycleConfiguration answered ${got}, expected a rule expiring after ${b.expireDays} days`);
  return `${b.name}: versioning ${versioning ?? 'unset'}, expiry ${expiry}`;
}

/** The permission matrix, in order (later rows read what earlier rows wrote). */
function matrix(url: string, secrets: ReturnType<typeof lakeSecrets>, key: string): Expectation[] {
  const as = (name: string) => lakeClient(url, identity(secrets, name));
  const admin = lakeClient(url, secrets.admin);
  const bronzeJob = as('job-bronze-events');
  const silverJob = as('job-silver-events');
  const streamlit = as('streamlit-gold-reader');
  const mlflow = as('datalab-mlflow');
  const body = `written by the e2e scenario ${key}`;
  const readBack = (c: S3Client, bucket: string, k: string) => async () => {
    const text = await getText(c, bucket, k);
    if (text !== body) throw new AssertionFailed(`${bucket}/${k} reads back "${text}", expected "${body}"`);
  };
  const row = (who: string, what: string, expected: Expectation['expected'], request: () => Promise<unknown>): Expectation => ({ who, what, expected, request });
  return [
    row('job-bronze-events', `put bronze/events/${key}`, 'allowed', () => putText(bronzeJob, 'bronze', `events/${key}`, body)),
    row('job-bronze-events', `get bronze/events/${key}`, 'allowed', readBack(bronzeJob, 'bronze', `events/${key}`)),
    row('job-bronze-events', 'list bronze with prefix events/', 'allowed', () => bronzeJob.send(new ListObjectsV2Command({ Bucket: 'bronze', Prefix: 'events/' }))),
    row('job-bronze-events', `put bronze/other/${key}`, 'AccessDenied', () => putText(bronzeJob, 'bronze', `other/${key}`, body)),
    row('job-bronze-events', `put silver/events/${key}`, 'AccessDenied', () => putText(bronzeJob, 'silver', `events/${key}`, body)),
    row('job-bronze-events', 'list bronze without prefix', 'AccessDenied', () => bronzeJob.send(new ListObjectsV2Command({ Bucket: 'bronze' }))),
    row('job-silver-events', `get bronze/events/${key}`, 'allowed', readBack(silverJob, 'bronze', `events/${key}`)),
    row('job-silver-events', `put bronze/events/${key}-silver`, 'AccessDenied', () => putText(silverJob, 'bronze', `events/${key}-silver`, body)),
    row('job-silver-events', `put silver/events/${key}`, 'allowed', () => putText(silverJob, 'silver', `events/${key}`, body)),
    row('datalab-admin', `put gold/${key}`, 'allowed', () => putText(admin, 'gold', key, body)),
    row('streamlit-gold-reader', `get gold/${key}`, 'allowed', readBack(streamlit, 'gold', key)),
    row('streamlit-gold-reader', `put gold/${key}-streamlit`, 'AccessDenied', () => putText(streamlit, 'gold', `${key}-streamlit`, body)),
    row('datalab-mlflow', `put mlflow/${key}`, 'allowed', () => putText(mlflow, 'mlflow', key, body)),
    row('datalab-mlflow', `put gold/${key}-mlflow`, 'AccessDenied', () => putText(mlflow, 'gold', `${key}-mlflow`, body)),
  ];
}

export const lake: ScenarioStep = {
  name: 'lake',
  summary: 'buckets with versioning and expiry; least privilege per identity (S3 SDK on 127.0.0.1:9000)',
  needs: ['deploy'],
  services: ['seaweedfs', 'seaweedfs-provisioner'],
  async run(s) {
    const secrets = lakeSecrets(s);
    const admin = lakeClient(secrets.url, secrets.admin);
    const expected = expectedBuckets(s);
    const listed = (await admin.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name ?? '') ?? [];
    checkSameSet(listed, expected.map((b) => b.name), `buckets on ${secrets.url}`);
    for (const b of expected) log(`  ${await checkBucket(admin, b)}`);
    for (const line of await checkMatrix(matrix(secrets.url, secrets, `scenario-${uniqueSuffix()}`))) log(`  ${line}`);
  },
};
