/**
 * The package mirrors the project images' builds download from while a deploy may build them.
 * Inside a container of this VM HTTPS to anything but Debian fails certificate checks, so the
 * suite does what a user behind a proxy does: it points the environment's mirror settings at
 * repositories the host prepared with the ordinary clients and serves over HTTP on the Docker
 * bridge's gateway (see maven-mirror.ts). Every deploy that may build an image runs inside
 * `withBuildMirrors`, so the mirrors are up exactly while a build can ask for them.
 */
import { cdktf, CommandOptions } from './commands';
import { editConfigCopy } from './config-copy';
import type { Scenario } from './context';
import { bridgeGateway, mavenPort, prepareMavenRepository, serveRepository } from './maven-mirror';
import type { RunResult } from '../lib/exec';

export interface MirrorRequests {
  /** Requests the Maven mirror served, by HTTP status: evidence that a build used it. */
  readonly maven: Readonly<Record<number, number>>;
}

/** Runs `fn` while every mirror serves, with the config copy pointing at them. */
export async function withBuildMirrors<T>(s: Scenario, fn: () => Promise<T>): Promise<T & { readonly mirrorRequests: MirrorRequests }> {
  const repo = await prepareMavenRepository(s.root, s.logFile);
  const gateway = await bridgeGateway();
  const maven = await serveRepository(repo.dir, gateway, mavenPort());
  editConfigCopy(s, (doc) => doc.setIn(['processing', 'spark', 'mavenRepository'], maven.url));
  try {
    const result = await fn();
    return { ...result, mirrorRequests: { maven: maven.served() } };
  } finally {
    await maven.close();
  }
}

/** `cdktf deploy <stack>` while the mirrors serve. */
export function deployWithMirrors(s: Scenario, stack: Parameters<typeof cdktf>[3], opts: CommandOptions = {}): Promise<RunResult & { readonly mirrorRequests: MirrorRequests }> {
  return withBuildMirrors(s, () => cdktf(s, 'deploy', { timeoutMs: 40 * 60_000, ...opts }, stack));
}
