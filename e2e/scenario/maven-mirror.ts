/**
 * The jars of the project images (images/spark, images/jupyterhub), prepared on the host and
 * served to their builds.
 *
 * Each Dockerfile downloads its jars from `${MAVEN}` (Maven Central by default) and checks each
 * against the `.sha1` next to it. Inside a container of this VM HTTPS to anything but Debian fails
 * certificate checks, so the suite does what a user behind a proxy does: it points the builds at a
 * Maven Central mirror (`buildMirrors.maven`; `processing.spark.mavenRepository` for Spark). The
 * mirror is a Maven repository directory the host fills with `mvn dependency:get` (the coordinates
 * read from the Dockerfiles of every image the e2e environment builds, project-images.ts, with the
 * same reader `npm run check:pins` uses: no second list), served read-only over HTTP on the Docker
 * bridge's gateway address (mirror-server.ts). The port is fixed (18081, or DATALAB_E2E_MAVEN_PORT)
 * so the URL, and with it the images' content hashes, is the same every run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Coordinate, coordinateKey } from '../../scripts/pins/dockerfile';
import { cacheDir } from '../lib/cache';
import { run } from '../lib/exec';
import { log } from '../lib/log';
import { bridgeGateway, Mirror, portFrom, resolveInside, serveDirectory } from './mirror-server';
import { projectImageJars } from './project-images';

export { bridgeGateway, resolveInside };

export const DEFAULT_MAVEN_PORT = 18081;

/** `<group path>/<artifact>/<version>/<artifact>-<version>[-classifier].jar` inside a Maven repository. */
export function jarPathOf(c: Coordinate): string {
  return `${c.groupId.replace(/\./g, '/')}/${c.artifactId}/${c.version}/${c.artifactId}-${c.version}${c.classifier ? `-${c.classifier}` : ''}.jar`;
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
