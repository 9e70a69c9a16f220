/**
 * Everything the scenario needs before it deploys, each part idempotent and fast when cached: a
 * Docker Engine, OpenTofu with the providers (from the mirror), and the stand-in images of the
 * images core uses, tagged with the real names so the Docker provider never pulls them.
 */
import * as path from 'node:path';
import { loadEnvironment } from '../../config/loader';
import { Engine, ensureEngine } from '../lib/engine';
import { run } from '../lib/exec';
import { log, step, UserFacingError } from '../lib/log';
import { prepareImages, STAND_INS } from '../images';
import { prepareToolchain, Toolchain } from '../toolchain';
import { missingFromMirror } from '../toolchain/providers';
import { PROVIDERS, shortSource } from '../toolchain/versions';
import { ENVIRONMENT } from './context';
import { e2eImageVariants } from './project-images';

/** Project images of the visualization stack: the stack builds them, on the bases their Dockerfiles name. */
const VISUALIZATION_IMAGES = ['images/jupyterhub', 'apps/streamlit'];

/**
 * The upstream images the deployed stacks of the repository's e2e config run: core's, the base
 * the processing stack builds its Spark image on, the bases of the visualization stack's
 * JupyterHub and Streamlit images (the project images themselves are built by the stacks), and
 * monitoring's Prometheus (Grafana only where it is on: e2e switches it off).
 */
function coreImages(root: string): readonly string[] {
  const env = loadEnvironment(ENVIRONMENT, path.join(root, 'config'));
  const core = env.core;
  const processing = env.groups.includes('processing') ? env.processing : undefined;
  // ml: PostgreSQL, the MLflow image the project image builds on, Prefect and Airflow.
  const ml = env.groups.includes('ml') ? env.ml : undefined;
  const monitoring = env.groups.includes('monitoring') ? env.monitoring : undefined;
  const visualization = env.groups.includes('visualization') ? e2eImageVariants(root).filter((v) => VISUALIZATION_IMAGES.includes(v.image)).map((v) => v.from) : [];
  return [
    core.seaweedfs?.image,
    core.kafka.image,
    core.consul.image,
    core.consulEsm.image,
    core.kafkaUi.enabled ? core.kafkaUi.image : undefined,
    processing?.spark.baseImage,
    processing?.nifi.enabled ? processing.nifi.image : undefined,
    ml?.postgres.image,
    ml?.mlflow.image,
    ml?.prefect.server.image,
    ml?.prefect.worker.image,
    ml?.airflow.apiServer.image,
    monitoring?.prometheus.image,
    monitoring?.grafana.enabled ? monitoring.grafana.image : undefined,
    ...new Set(visualization),
  ].filter((i): i is string => !!i);
}

async function imagePresent(image: string): Promise<boolean> {
  return (await run('docker', ['image', 'inspect', image], { okCodes: [0, 1], timeoutMs: 30_000 })).code === 0;
}

/**
 * Builds (or finds up to date) the stand-ins of core's images. A stand-in whose program cannot be
 * had here (consul-esm: the Go module proxy refuses it and no release binary was supplied) stops
 * the scenario (exit 2): an image an earlier build left in the engine is not used, since where its
 * program came from can no longer be checked.
 */
async function prepareCoreImages(root: string): Promise<readonly string[]> {
  const wanted = coreImages(root);
  const standIns = STAND_INS.filter((si) => wanted.includes(si.image));
  const unavailable: { readonly image: string; readonly why: string }[] = [];
  await prepareImages({
    only: standIns.map((si) => si.name),
    log: (l) => log(`  images: ${l}`),
    onResult: (r) => void (r.unavailable && unavailable.push({ image: r.image, why: r.unavailable })),
  });
  const warnings: string[] = [];
  if (unavailable.length) throw new UserFacingError(`cannot run here: ${unavailable.map((u) => `stand-in ${u.image}: ${u.why}`).join('; ')}`, NOT_SUPPLIED);
  // An image without a stand-in would be pulled by the Docker provider: only if it is here already.
  for (const image of wanted.filter((w) => !standIns.some((si) => si.image === w))) {
    if (!(await imagePresent(image))) throw new UserFacingError(`core uses ${image}, which has no stand-in and is not in the Docker Engine`, 2);
  }
  return warnings;
}

export interface Prepared {
  readonly engine: Engine;
  readonly toolchain: Toolchain;
  /** What the run should report although preparing succeeded. */
  readonly warnings: readonly string[];
}

/**
 * Exit code when a program that no registry reachable here serves was not supplied at all: the one
 * case .ci/run reports as "not run" instead of failing (a supplied but wrong path is exit 2).
 */
export const NOT_SUPPLIED = 3;

/**
 * What no registry reachable here serves and must be supplied, checked before anything is built:
 * the providers the Go module proxy refuses must be in DATALAB_E2E_PROVIDER_MIRROR.
 */
export function missingSuppliedProviders(env: NodeJS.ProcessEnv = process.env): string[] {
  const mirror = env.DATALAB_E2E_PROVIDER_MIRROR?.trim();
  const needed = PROVIDERS.filter((p) => p.source.kind === 'mirror');
  const missing = mirror ? missingFromMirror(path.resolve(mirror), needed) : needed;
  return missing.map((p) => `${shortSource(p)} ${p.version}`);
}

export async function prepare(root: string): Promise<Prepared> {
  const missing = missingSuppliedProviders();
  if (missing.length) {
    throw new UserFacingError(
      `cannot run here: the Go module proxy does not serve ${missing.join(' and ')}; supply them in a provider mirror (DATALAB_E2E_PROVIDER_MIRROR, made with "tofu providers mirror" on a connected machine: docs/workflow.md)`,
      NOT_SUPPLIED,
    );
  }
  const engine = await step('Docker Engine', () => ensureEngine());
  const toolchain = await step('toolchain', () => prepareToolchain());
  const warnings = await step('stand-in images', () => prepareCoreImages(root));
  return { engine, toolchain, warnings };
}
