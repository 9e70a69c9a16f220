import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Image } from '@cdktf/provider-docker/lib/image';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { useDockerProvider } from './stack-providers';
import { ConstructError } from './construct-error';

/** The repository root: build contexts are given relative to it. */
export const PROJECT_ROOT = path.resolve(__dirname, '..');

export interface ProjectImageProps {
  /** Image name and tag, e.g. `datalab/jupyterhub:0.1.0` (from config). */
  readonly name: string;
  /** Build context, relative to `root` (`images/spark`). */
  readonly context: string;
  /** Build arguments; part of the content hash. @default - none */
  readonly buildArgs?: Readonly<Record<string, string>>;
  /** Dockerfile inside the context. @default 'Dockerfile' */
  readonly dockerfile?: string;
  /**
   * Append the first 12 hex digits of the content hash to the tag (`name:tag-<hash>`), so two
   * environments on one Docker daemon never overwrite each other's build of the same tag.
   * @default false
   */
  readonly tagWithContentHash?: boolean;
  /** Where `context` is resolved. @default PROJECT_ROOT */
  readonly root?: string;
}

/**
 * An image built from a directory of this repository by the docker provider's `build` block.
 *
 * The directory is copied into the synthesized stack as a cdktf asset, so the build context is a
 * path relative to the stack directory (`assets/…`): the same on every machine, and a stack
 * directory (e.g. a CI artifact) is self-contained. `triggers.content_sha256` carries the SHA-256
 * of every file of the context (path and bytes; editor and Python caches left out) and of the
 * build arguments: editing the Dockerfile, a jar pin or the app rebuilds the image, and the
 * containers that use `imageId` are re-created; an unchanged context never rebuilds. The image is
 * kept on destroy: another environment on the same daemon may use it.
 */
export class ProjectImage extends Construct {
  /** Escape hatch: the `docker_image` resource. */
  readonly image: Image;
  /** The copied build context. */
  readonly asset: TerraformAsset;
  /** Hex SHA-256 of the build context and arguments. */
  readonly contentHash: string;
  /** The built image's `name:tag`. */
  readonly name: string;
  /** Image id (token): what containers reference. */
  readonly imageId: string;

  constructor(scope: Construct, id: string, props: ProjectImageProps) {
    super(scope, id);
    useDockerProvider(this);
    const root = props.root ?? PROJECT_ROOT;
    const dir = path.resolve(root, props.context);
    if (path.isAbsolute(props.context) || (dir !== root && !dir.startsWith(root + path.sep))) {
      throw new ConstructError(this, `image "${props.name}": build context "${props.context}" must be a directory inside the repository, given relative to its root`);
    }
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new ConstructError(this, `image "${props.name}": build context "${props.context}" does not exist (resolved to ${dir})`);
    }
    const dockerfile = props.dockerfile ?? 'Dockerfile';
    if (!fs.existsSync(path.join(dir, dockerfile))) {
      throw new ConstructError(this, `image "${props.name}": no ${dockerfile} in build context "${props.context}"`);
    }
    const args = props.buildArgs ?? {};
    this.contentHash = contextHash(dir, args);
    this.name = props.tagWithContentHash ? `${props.name}-${this.contentHash.slice(0, 12)}` : props.name;
    this.asset = new TerraformAsset(this, 'context', { path: dir, type: AssetType.DIRECTORY });
    this.image = new Image(this, 'Resource', {
      name: this.name,
      keepLocally: true,
      buildAttribute: {
        context: this.asset.path,
        dockerfile,
        buildArgs: Object.keys(args).length > 0 ? { ...args } : undefined,
        tag: [this.name],
        label: { 'datalab.managed-by': 'datalab-stacks' },
        remove: true,
      },
      triggers: { content_sha256: this.contentHash },
    });
    this.imageId = this.image.imageId;
  }
}

/** Files that never belong to a build (editor and Python caches). */
const IGNORED = new Set(['__pycache__', '.ipynb_checkpoints', '.DS_Store', 'node_modules', '.pytest_cache']);

/** SHA-256 over the sorted relative paths and contents of every file below `dir`, plus build args. */
export function contextHash(dir: string, buildArgs: Readonly<Record<string, string>> = {}): string {
  const h = createHash('sha256');
  const walk = (rel: string): void => {
    const entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (IGNORED.has(e.name)) continue;
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        h.update(`file ${p}\0`);
        h.update(fs.readFileSync(path.join(dir, p)));
        h.update('\0');
      }
    }
  };
  walk('');
  for (const k of Object.keys(buildArgs).sort()) h.update(`arg ${k}=${buildArgs[k]}\0`);
  return h.digest('hex');
}
