/**
 * The package mirrors an e2e deploy builds its project images from, as a user behind a proxy has
 * them: the host's PyPI, npm and Maven mirrors served on the Docker bridge while the deploy runs, and
 * the config copy's `buildMirrors` pointing at them. Their URLs are fixed (bridge gateway, fixed
 * ports), so the images' content hashes, which include the build arguments, are the same every
 * run and an unchanged image is never rebuilt.
 */
import { log } from '../lib/log';
import { editConfigCopy } from './config-copy';
import type { RunResult } from '../lib/exec';
import { cdktf, CommandOptions } from './commands';
import type { Scenario, StackName } from './context';
import { mavenPort, prepareMavenRepository, serveRepository } from './maven-mirror';
import { bridgeGateway, Mirror } from './mirror-server';
import { npmPort, prepareNpmRepository, serveNpmRegistry } from './npm-mirror';
import { servePypiMirror } from './pypi-mirror';

export interface BuildMirrorsUsed {
  /** Requests each mirror served, by status: evidence that a build used it (none when nothing was built). */
  readonly requests: Readonly<Record<string, Readonly<Record<number, number>>>>;
}

/** Which mirrors a deploy needs (the images it may build). */
export interface MirrorKinds {
  readonly python?: boolean;
  readonly maven?: boolean;
  readonly npm?: boolean;
}

/** Runs `body` while the named mirrors serve, with `buildMirrors.<kind>` set in the config copy. */
export async function withBuildMirrors<T>(s: Scenario, kinds: MirrorKinds, body: () => Promise<T>): Promise<T & BuildMirrorsUsed> {
  const mirrors: Array<[string, Mirror]> = [];
  try {
    if (kinds.python) {
      const pypi = await servePypiMirror(s.root, s.logFile, log);
      mirrors.push(['python', pypi]);
      editConfigCopy(s, (doc) => doc.setIn(['buildMirrors', 'python'], pypi.index));
    }
    if (kinds.maven) {
      const repo = await prepareMavenRepository(s.root, s.logFile);
      const maven = await serveRepository(repo.dir, await bridgeGateway(), mavenPort());
      mirrors.push(['maven', maven]);
      editConfigCopy(s, (doc) => doc.setIn(['buildMirrors', 'maven'], maven.url));
    }
    if (kinds.npm) {
      const npm = await serveNpmRegistry(await prepareNpmRepository(s.root, s.logFile), await bridgeGateway(), npmPort());
      mirrors.push(['npm', npm]);
      editConfigCopy(s, (doc) => doc.setIn(['buildMirrors', 'npm'], npm.url));
    }
    const result = await body();
    return { ...result, requests: Object.fromEntries(mirrors.map(([k, m]) => [k, m.served()])) };
  } finally {
    for (const [, m] of mirrors) await m.close();
  }
}

/** Every mirror: for a deploy that may build any project image (the whole platform). */
export const ALL_MIRRORS = { python: true, maven: true, npm: true } as const;

/** `cdktf deploy <stack>` while the named mirrors serve. */
export function deployWithMirrors(s: Scenario, stack: StackName, kinds: MirrorKinds, opts: CommandOptions = {}): Promise<RunResult & BuildMirrorsUsed> {
  return withBuildMirrors(s, kinds, () => cdktf(s, 'deploy', { timeoutMs: 40 * 60_000, ...opts }, stack));
}
