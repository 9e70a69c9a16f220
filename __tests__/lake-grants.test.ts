import { MinioUser } from '../constructs/minio-user';
import { seaweedfsActions } from '../constructs/seaweedfs-identity';
import { globMatch, minioAllows, probeRequests, seaweedfsAllowsRequest } from './lake-permissions';
import { loadEnvironment } from '../config/loader';
import { MINIO_ENVS, platformFor } from './helpers';

describe.each(MINIO_ENVS)('the same grants on MinIO and on SeaweedFS (%s)', (env) => {
  const { app, platform } = platformFor(env);
  const users = app.node.findAll().filter((c): c is MinioUser => c instanceof MinioUser);
  const buckets = [...platform.core.lake.buckets.keys(), 'elsewhere'];

  it('has the platform identities to compare', () => {
    // Where every pipeline is scheduled (prod), the scheduled-only jobs have identities too.
    const scheduled = Object.keys(loadEnvironment(env).processing?.pipelines ?? {}).length > 0 ? ['job-data-checks', 'job-maintenance', 'job-train-model'] : [];
    expect(users.map((u) => u.name).sort()).toEqual(['datalab-mlflow', 'job-bronze-events', ...scheduled, 'job-gold-event-counts', 'job-silver-events', 'jupyterhub-notebooks', 'streamlit-gold-reader'].sort());
  });

  it.each(users.map((u) => [u.name, u] as const))('%s may do exactly the same on both stores', (_name, user) => {
    const requests = probeRequests(buckets, user.grants.map((g) => g.prefix));
    const actions = seaweedfsActions(user.grants);
    const differ = requests.filter((r) => minioAllows(user.statements, r) !== seaweedfsAllowsRequest(actions, r));
    expect(differ).toEqual([]);
    // And it may do something, and not everything.
    const allowed = requests.filter((r) => minioAllows(user.statements, r));
    expect(allowed.length).toBeGreaterThan(0);
    expect(allowed.length).toBeLessThan(requests.length);
  });
});

describe('the evaluators the comparison relies on', () => {
  it('glob-match with * across slashes and ? for one character', () => {
    expect(globMatch('Read:b/p/*', 'Read:b/p/x/y')).toBe(true);
    expect(globMatch('Read:b/p/*', 'Read:b/pX/y')).toBe(false);
    expect(globMatch('Rea?:b/k', 'Read:b/k')).toBe(true);
    expect(globMatch('Rea?:b/k', 'ReadAcp:b/k')).toBe(false);
  });

  it('deny a listing outside a StringLike prefix condition, and allow one inside it', () => {
    const st = [{ Effect: 'Allow' as const, Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::b'], Condition: { StringLike: { 's3:prefix': ['p/*'] } } }];
    expect(minioAllows(st, { op: 'list', bucket: 'b', prefix: 'p/' })).toBe(true);
    expect(minioAllows(st, { op: 'list', bucket: 'b', prefix: '' })).toBe(false);
    expect(seaweedfsAllowsRequest(['List:b/p/*'], { op: 'list', bucket: 'b', prefix: 'p/' })).toBe(true);
    expect(seaweedfsAllowsRequest(['List:b/p/*'], { op: 'list', bucket: 'b', prefix: '' })).toBe(false);
    // A wildcard-free grant names a whole bucket.
    expect(seaweedfsAllowsRequest(['Read:b'], { op: 'get', bucket: 'b', key: 'any/key' })).toBe(true);
    expect(seaweedfsAllowsRequest(['Read:b/k'], { op: 'get', bucket: 'b', key: 'k' })).toBe(false);
  });
});
