/**
 * The jars of the project Spark image, prepared on the host and served to its build.
 *
 * images/spark/Dockerfile downloads its jars with wget from `${MAVEN}` (Maven Central by default)
 * and checks each against the `.sha1` next to it. Inside a container of this VM HTTPS to anything
 * but Debian fails certificate checks, so the suite does what a user behind a proxy does: it points
 * `processing.spark.mavenRepository` at a Maven Central mirror. The mirror is a Maven repository
 * directory the host fills with `mvn dependency:get` (the coordinates read from the Dockerfile with
 * the same reader `npm run check:pins` uses: no second list), served read-only over HTTP on the
 * Docker bridge's gateway address, which a legacy `docker build` container reaches (checked: a
 * `RUN wget http://172.17.0.1:<port>/…` in a build got the file). The port is fixed (18081, or
 * DATALAB_E2E_MAVEN_PORT) so the URL, and with it the image's content hash, is the same every run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadEnvironment } from '../../config/loader';
import { sparkImageBuildArgs } from '../../stacks/processing-stack';
import { Coordinate, coordinateKey } from '../../scripts/pins/dockerfile';
import { discoverImages, environmentBuildArgs, readVariant } from '../../scripts/pins/images';
import { cacheDir } from '../lib/cache';
import { run } from '../lib/exec';
import { log } from '../lib/log';
import { ENVIRONMENT } from './context';
import { bridgeGateway, Mirror, portFrom, resolveInside, serveDirectory } from './mirror-server';

export { bridgeGateway, resolveInside };

export const DEFAULT_MAVEN_PORT = 18081;

/** The jars the Spark image's Dockerfile downloads, as the e2e environment builds it. */
export function sparkImageJars(root: string): readonly Coordinate[] {
  const env = loadEnvironment(ENVIRONMENT, path.join(root, 'config'));
  const img = discoverImages(root).find((i) => i.image === 'images/spark');
  if (!img || !env.processing) throw new Error('images/spark or the e2e processing config is missing');
  const variant = readVariant(root, img, sparkImageBuildArgs(env.processing), [ENVIRONMENT]);
  if (!variant) throw new Error('images/spark/Dockerfile cannot be read with the e2e build arguments');
  if (variant.problems.length) throw new Error(`images/spark/Dockerfile: ${variant.problems.join('; ')}`);
  if (!variant.jars.length) throw new Error('images/spark/Dockerfile names no jar: the reader no longer matches it');
  return variant.jars;
}

/** `<group path>/<artifact>/<version>/<artifact>-<version>[-classifier].jar` inside a Maven repository. */
export function jarPathOf(c: Coordinate): string {
  return `${c.groupId.replace(/\./g, '/')}/${c.artifactId}/${c.version}/${c.artifactId}-${c.version}${c.classifier ? `-${c.classifier}` : ''}.jar`;
}

/**
 * The jars every project image the e2e environment builds downloads (Spark's and JupyterHub's,
 * read as `sparkImageJars` reads Spark's), once each: what `buildMirrors.maven` must serve.
 */
export function projectImageJars(root: string): readonly Coordinate[] {
  const env = loadEnvironment(ENVIRONMENT, path.join(root, 'config'));
  const args = environmentBuildArgs(env);
  const out = new Map<string, Coordinate>();
  for (const img of discoverImages(root).filter((i) => args.has(i.image))) {
    const variant = readVariant(root, img, args.get(img.image)!, [ENVIRONMENT]);
    if (!variant) throw new Error(`${img.image}/Dockerfile cannot be read with the e2e build arguments`);
    if (variant.problems.length) throw new Error(`${img.image}/Dockerfile: ${variant.problems.join('; ')}`);
    for (const c of variant.jars) out.set(coordinateKey(c), c);
  }
  return [...out.values()];
}

/** The local repository with every jar and its `.sha1` (mvn fetches only what is missing). */
export async function prepareMavenRepository(root: string, logFile: string): Promise<{ readonly dir: string; readonly jars: readonly Coordinate[] }> {
  const dir = cacheDir('maven-repo');
  const jars = projectImageJars(root);
  for (const c of jars) {
    const jar = path.join(dir, jarPathOf(c));
    if (fs.existsSync(jar) && fs.existsSync(`${jar}.sha1`)) continue;
    log(`  maven: mvn dependency:get ${coordinateKey(c)}`);
    await run('mvn', ['-B', '-q', 'dependency:get', '-Dtransitive=false', `-Dartifact=${c.groupId}:${c.artifactId}:${c.version}:jar${c.classifier ? `:${c.classifier}` : ''}`, `-Dmaven.repo.local=${dir}`], { logFile, timeoutMs: 15 * 60_000 });
    if (!fs.existsSync(jar) || !fs.existsSync(`${jar}.sha1`)) throw new Error(`mvn dependency:get ${coordinateKey(c)} left no ${jarPathOf(c)} with its .sha1 in ${dir}`);
  }
  return { dir, jars };
}

export type MavenMirror = Mirror;

/** Serves `dir` read-only (GET and HEAD of regular files) on host:port. */
export function serveRepository(dir: string, host: string, port: number): Promise<MavenMirror> {
  return serveDirectory(dir, host, port, 'Maven mirror', 'DATALAB_E2E_MAVEN_PORT');
}

export function mavenPort(env: NodeJS.ProcessEnv = process.env): number {
  return portFrom('DATALAB_E2E_MAVEN_PORT', DEFAULT_MAVEN_PORT, env);
}
