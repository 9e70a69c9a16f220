/**
 * The project images the e2e environment's stacks build (images/spark, images/jupyterhub,
 * apps/streamlit, …), each read with the build arguments its stack passes, by the same reader
 * `npm run check:pins` uses. The host-side mirrors (Maven, npm) take what to serve from here, so
 * a pin bumped in a Dockerfile is served without a second list to keep in step.
 */
import * as path from 'node:path';
import { loadEnvironment } from '../../config/loader';
import { coordinateKey, Coordinate, NpmSpec } from '../../scripts/pins/dockerfile';
import { discoverImages, environmentBuildArgs, ImageVariant, readVariant } from '../../scripts/pins/images';
import { ENVIRONMENT } from './context';

/** Every project image the e2e environment builds, as it builds it; a Dockerfile the reader cannot read is an error naming it. */
export function e2eImageVariants(root: string): readonly ImageVariant[] {
  const env = loadEnvironment(ENVIRONMENT, path.join(root, 'config'));
  const args = environmentBuildArgs(env);
  const out: ImageVariant[] = [];
  for (const img of discoverImages(root).filter((i) => args.has(i.image))) {
    const variant = readVariant(root, img, args.get(img.image)!, [ENVIRONMENT]);
    if (!variant) throw new Error(`${img.image}/Dockerfile cannot be read with the e2e build arguments`);
    if (variant.problems.length) throw new Error(`${img.image}/Dockerfile: ${variant.problems.join('; ')}`);
    out.push(variant);
  }
  return out;
}

/** The jars of every image (each once), by the image that downloads it first. */
export function projectImageJars(root: string): readonly Coordinate[] {
  const jars = new Map<string, Coordinate>();
  for (const v of e2eImageVariants(root)) for (const c of v.jars) jars.set(coordinateKey(c), c);
  if (!jars.size) throw new Error('no project image of the e2e environment names a jar: the Dockerfile reader no longer matches them');
  return [...jars.values()];
}

/** The npm packages every image installs, with the image naming each. */
export function projectImageNpmPackages(root: string): readonly { readonly image: string; readonly spec: NpmSpec }[] {
  return e2eImageVariants(root).flatMap((v) => v.npm.map((spec) => ({ image: v.image, spec })));
}
