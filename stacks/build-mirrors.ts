import type { BuildMirrors } from '../config/build-mirrors';

/**
 * The build arguments every project image build receives from `buildMirrors`. pip reads
 * PIP_INDEX_URL (and PIP_TRUSTED_HOST, without which it refuses a plain-http index) and npm
 * NPM_CONFIG_REGISTRY from the environment, which a declared ARG becomes inside RUN; the
 * Dockerfiles that download jars read MAVEN. An unset mirror gives no argument at all, so the
 * Dockerfile's default applies and the image's content hash stays what it was.
 */
export function mirrorBuildArgs(mirrors: BuildMirrors | undefined): Record<string, string> {
  const args: Record<string, string> = {};
  if (mirrors?.python) {
    // pip wants the simple index with its trailing slash (it appends `<project>/`).
    args.PIP_INDEX_URL = `${mirrors.python}/`;
    const url = new URL(mirrors.python);
    if (url.protocol === 'http:') args.PIP_TRUSTED_HOST = url.host;
  }
  if (mirrors?.npm) args.NPM_CONFIG_REGISTRY = `${mirrors.npm}/`;
  if (mirrors?.maven) args.MAVEN = mirrors.maven;
  return args;
}
