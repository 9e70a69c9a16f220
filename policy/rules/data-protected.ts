import { compliant, nonCompliant, notApplicable, PolicyRule, preventsDestroy } from '../types';

const STATEFUL = ['docker_volume', 'kafka_topic', 'minio_s3_bucket'];

/**
 * DL007: where data is protected (`protectData: true`, and always in prod), nothing that holds data
 * can be destroyed by a plan: volumes, topics and buckets carry `lifecycle.prevent_destroy`, and no
 * bucket is `force_destroy` (which would delete its objects with it).
 */
export const dataProtected: PolicyRule = {
  id: 'DL007',
  name: 'data-protected',
  level: 'error',
  summary: 'with protectData (and in prod) docker_volume, kafka_topic and minio_s3_bucket have lifecycle.prevent_destroy, and no bucket sets force_destroy',
  fix: 'set protectData: true in config/<env>.yaml (constructs then add prevent_destroy); never set force_destroy on a bucket',
  check(r, ctx) {
    if (!STATEFUL.includes(r.type)) return notApplicable();
    const protect = ctx.protectData || ctx.environment === 'prod';
    if (!protect) return notApplicable();
    if (r.type === 'minio_s3_bucket' && r.config.force_destroy === true) return nonCompliant('force_destroy = true deletes every object with the bucket');
    return preventsDestroy(r.config) ? compliant() : nonCompliant(`${r.type} without lifecycle.prevent_destroy in ${ctx.environment}`);
  },
};
