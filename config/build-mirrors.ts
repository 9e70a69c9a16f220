/**
 * `buildMirrors`: where project image builds fetch packages from when the public registries are
 * out of reach (a proxy such as Nexus or Artifactory, or a mirror served inside a private network).
 * Each key is optional; an unset key leaves the registry the Dockerfile names by default.
 */
import { z } from 'zod';

/** An http(s) URL without trailing slashes (the Dockerfiles append paths to the Maven one). */
const mirrorUrl = (what: string, example: string) =>
  z
    .url({ protocol: /^https?$/, message: `expected an http(s) URL of ${what}, such as ${example}` })
    .transform((u) => u.replace(/\/+$/, ''));

export const buildMirrorsSchema = z.strictObject({
  /** A PEP 503 simple index every `pip install` in an image build uses instead of PyPI (PIP_INDEX_URL). */
  python: mirrorUrl('a PEP 503 simple index', 'https://nexus.example.org/repository/pypi/simple').optional(),
  /** An npm registry every `npm install` in an image build uses instead of registry.npmjs.org (NPM_CONFIG_REGISTRY). */
  npm: mirrorUrl('an npm registry', 'https://nexus.example.org/repository/npm').optional(),
  /** A Maven Central mirror the jar downloads of image builds use (build argument MAVEN). */
  maven: mirrorUrl('a Maven Central mirror', 'https://nexus.example.org/repository/maven-central').optional(),
});
export type BuildMirrors = z.infer<typeof buildMirrorsSchema>;
