/**
 * The project images `npm run check:pins` checks (every images/<name>/Dockerfile and
 * apps/<name>/Dockerfile) and the variants they are built in: the Dockerfile's defaults, and the
 * build arguments each environment's stacks pass (the same functions the stacks call).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EnvConfig } from '../../config/schema';
import { mlflowImageBuildArgs } from '../../stacks/ml-stack';
import { pipelineImageBuildArgs } from '../../stacks/pipelines';
import { baseImageFacts } from './base-images';
import { sparkImageBuildArgs } from '../../stacks/processing-stack';
import { jupyterhubImageBuildArgs, streamlitImageBuildArgs } from '../../stacks/visualization-stack';
import {
  Coordinate,
  coordinateKey,
  coordinateOfJarPath,
  effectiveArgs,
  jarPaths,
  NpmSpec,
  npmInstalls,
  parseDockerfile,
  parseNpmSpec,
  parseRequirement,
  pipInstalls,
  Requirement,
  requirementLines,
  shellCommands,
  substitute,
} from './dockerfile';

/** `images/spark`, with its directory. */
export interface ProjectImageDir {
  readonly image: string;
  readonly dir: string;
}

export function discoverImages(root: string): ProjectImageDir[] {
  const out: ProjectImageDir[] = [];
  for (const parent of ['images', 'apps']) {
    const base = path.join(root, parent);
    if (!fs.existsSync(base)) continue;
    for (const name of fs.readdirSync(base).sort()) {
      if (fs.existsSync(path.join(base, name, 'Dockerfile'))) out.push({ image: `${parent}/${name}`, dir: path.join(base, name) });
    }
  }
  return out;
}

/** The build arguments an environment's stacks pass to each project image it builds. */
export function environmentBuildArgs(env: EnvConfig): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  if (env.groups.includes('processing') && env.processing) out.set('images/spark', sparkImageBuildArgs(env.processing, env.buildMirrors));
  if (env.groups.includes('ml') && env.ml) out.set('images/mlflow', mlflowImageBuildArgs(env.ml, env.buildMirrors));
  // The pipeline workers' image, where the environment schedules a pipeline (FROM the Spark image: its name only orders the build).
  if (env.processing && env.ml && env.groups.includes('processing') && env.groups.includes('ml') && Object.keys(env.processing.pipelines).length > 0) {
    out.set('images/spark-pipelines', pipelineImageBuildArgs(env.processing.spark.image, env.ml.prefect.server.image, env.buildMirrors));
  }
  if (env.groups.includes('visualization') && env.visualization) {
    out.set('images/jupyterhub', jupyterhubImageBuildArgs(env.visualization, env.buildMirrors));
    if (env.visualization.streamlit.enabled) out.set('apps/streamlit', streamlitImageBuildArgs(env.buildMirrors));
  }
  return out;
}

/** One way an image is built. */
export interface ImageVariant {
  readonly image: string;
  /** `Dockerfile defaults`, environment names. */
  readonly contexts: readonly string[];
  readonly buildArgs: Readonly<Record<string, string>>;
  /** The base image reference, ARGs substituted. */
  readonly from: string;
  /** ARG values of the build stage. */
  readonly args: ReadonlyMap<string, string | undefined>;
  readonly pip: readonly Requirement[];
  /** Packages `npm install` names (configurable-http-proxy in images/jupyterhub). */
  readonly npm: readonly NpmSpec[];
  readonly jars: readonly Coordinate[];
  /** What could not be read (each names the file). */
  readonly problems: readonly string[];
}

export const label = (v: { image: string; contexts: readonly string[] }) => `${v.image} [${v.contexts.join(', ')}]`;

/** Reads one variant of an image. `undefined` when the Dockerfile cannot be built without build arguments. */
export function readVariant(root: string, img: ProjectImageDir, buildArgs: Readonly<Record<string, string>>, contexts: readonly string[]): ImageVariant | undefined {
  const file = path.relative(root, path.join(img.dir, 'Dockerfile'));
  const model = parseDockerfile(fs.readFileSync(path.join(img.dir, 'Dockerfile'), 'utf8'), file);
  const from = substitute(model.from, effectiveArgs(model.globalArgs, buildArgs));
  if (from === '' || from.includes('$')) return undefined;
  const args = effectiveArgs(model.stageArgs, buildArgs);
  const problems: string[] = [];
  const pip: Requirement[] = [];
  const npm: NpmSpec[] = [];
  const jars = new Map<string, Coordinate>();
  const addRequirement = (text: string, where: string) => {
    const r = parseRequirement(text);
    if ('problem' in r) problems.push(`${where}: ${r.problem}`);
    else pip.push(r);
  };
  const readRequirementsFile = (name: string, where: string, depth = 0) => {
    // The file is COPY'd from the build context; its path in the image is not the context's, so
    // it is looked up by its path relative to the context, then by its base name.
    const candidates = [path.join(img.dir, name.replace(/^\/+/, '')), path.join(img.dir, path.basename(name))];
    const found = candidates.find((c) => c.startsWith(img.dir) && fs.existsSync(c));
    if (!found || depth > 5) {
      problems.push(`${where}: requirements file "${name}" not found in ${img.image}/`);
      return;
    }
    const rel = path.relative(root, found);
    const lines = requirementLines(fs.readFileSync(found, 'utf8'));
    for (const o of lines.options) problems.push(`${rel}: option line "${o}" is not supported by check:pins (pins must come from PyPI)`);
    for (const r of lines.requirements) addRequirement(r, rel);
    for (const inc of lines.includes) readRequirementsFile(path.join(path.dirname(path.relative(img.dir, found)), inc), rel, depth + 1);
  };
  for (const run of model.runs) {
    const text = substitute(run.args, args);
    const where = `${file}:${run.line}`;
    for (const cmd of shellCommands(text)) {
      for (const p of pipInstalls(cmd)) {
        for (const r of p.requirements) addRequirement(r, where);
        for (const f of p.requirementFiles) readRequirementsFile(f, where);
      }
      for (const spec of npmInstalls(cmd)) {
        const n = parseNpmSpec(spec);
        if ('problem' in n) problems.push(`${where}: ${n.problem}`);
        else npm.push(n);
      }
    }
    for (const jp of jarPaths(text)) {
      const c = coordinateOfJarPath(jp);
      if ('problem' in c) problems.push(`${where}: ${c.problem}`);
      else jars.set(coordinateKey(c), c);
    }
  }
  return { image: img.image, contexts, buildArgs, from, args, pip, npm, jars: [...jars.values()], problems };
}

/**
 * Every distinct variant of every image: the Dockerfile defaults and each environment's build
 * arguments; environments that build an image the same way share one variant.
 */
export function imageVariants(root: string, images: readonly ProjectImageDir[], envs: ReadonlyArray<{ name: string; buildArgs: ReadonlyMap<string, Record<string, string>> }>): ImageVariant[] {
  const out: ImageVariant[] = [];
  for (const img of images) {
    const byArgs = new Map<string, { args: Record<string, string>; contexts: string[] }>();
    const add = (args: Record<string, string>, ctx: string) => {
      const key = JSON.stringify(Object.entries(args).sort());
      const entry = byArgs.get(key) ?? { args, contexts: [] };
      entry.contexts.push(ctx);
      byArgs.set(key, entry);
    };
    add({}, 'Dockerfile defaults');
    for (const env of envs) {
      const a = env.buildArgs.get(img.image);
      if (a) add(a, env.name);
    }
    for (const { args, contexts } of byArgs.values()) {
      const v = readVariant(root, img, args, contexts);
      if (v) out.push(v);
    }
  }
  // Two argument sets can still build the same thing (a build argument equal to the default).
  const merged = new Map<string, ImageVariant>();
  for (const v of out) {
    const key = JSON.stringify([v.image, v.from, [...v.args].sort(), v.pip.map((r) => r.text), v.jars.map(coordinateKey)]);
    const prev = merged.get(key);
    merged.set(key, prev ? { ...prev, contexts: [...prev.contexts, ...v.contexts] } : v);
  }
  return [...merged.values()];
}

/**
 * The facts of a base image, through a project image: an image built FROM a project image
 * (images/spark-pipelines FROM the environment's images/spark build) runs that image's own base
 * with the Python packages that image installs on top.
 */
export function baseFactsThrough(from: string, projectImages: ReadonlyMap<string, ImageVariant>): ReturnType<typeof baseImageFacts> {
  const parent = projectImages.get(from);
  if (!parent) return baseImageFacts(from);
  const facts = baseImageFacts(parent.from);
  return 'problem' in facts ? facts : { ...facts, pipProvided: [...facts.pipProvided, ...parent.pip.map((r) => r.text)], source: `${parent.image} (${from}) on ${facts.source}` };
}
