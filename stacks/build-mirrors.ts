import type { BuildMirrors } from '../config/build-mirrors';

/** The registries a project image can install from. */
export type MirrorKind = 'python' | 'npm' | 'maven';

/**
 * The build arguments a project image build receives from `buildMirrors`, for the registries its
 * Dockerfile installs from (`uses`; each is a declared ARG there, which a test checks). pip reads
 * PIP_INDEX_URL (and PIP_TRUSTED_HOST, without which it refuses a plain-http index) and npm
 * NPM_CONFIG_REGISTRY from the environment, which a declared ARG becomes inside RUN; the
 * Dockerfiles that download jars read MAVEN. An unset mirror, or one the image does not use, gives
 * no argument at all: the arguments are part of the image's content hash, so a PyPI mirror added
 * for MLflow must not rebuild the Spark image (and re-create every Spark container and re-run
 * every job built on it).
 */
export function mirrorBuildArgs(mirrors: BuildMirrors | undefined, uses: readonly MirrorKind[]): Record<string, string> {
  const args: Record<string, string> = {};
  if (mirrors?.python && uses.includes('python')) {
    // pip wants the simple index with its trailing slash (it appends `<project>/`).
    args.PIP_INDEX_URL = `${mirrors.python}/`;
    const url = new URL(mirrors.python);
    if (url.protocol === 'http:') args.PIP_TRUSTED_HOST = url.host;
  }
  if (mirrors?.npm && uses.includes('npm')) args.NPM_CONFIG_REGISTRY = `${mirrors.npm}/`;
  if (mirrors?.maven && uses.includes('maven')) args.MAVEN = mirrors.maven;
  return args;
}
