import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Image } from '@cdktf/provider-docker/lib/image';
import { Construct } from 'constructs';
import { useDockerProvider } from './stack-providers';

/** The repository root: build contexts are given relative to it. */
export const PROJECT_ROOT = path.resolve(__dirname, '..');

/**
 * Terraform runs in `cdktf.out/stacks/<stack>/`; a project directory is three levels up from there.
 * `path.cwd` is what the provider documents for build contexts; the rest stays relative, so
 * synthesized JSON and snapshots hold no machine-specific paths (as `stacks/backend.ts`).
 */
const FROM_STACK_DIR = '${path.cwd}/../../..';

export interface ProjectImageProps {
  /** Build context, relative to the repository root (`images/jupyterhub`). */
  readonly context: string;
  /** Local tag of the built image (`datalab/jupyterhub:0.1.0`), from config. */
  readonly name: string;
  /** Build arguments; part of the content hash. @default - none */
  readonly buildArgs?: Readonly<Record<string, string>>;
  /** Dockerfile inside the context. @default 'Dockerfile' */
  readonly dockerfile?: string;
  /** Where `context` is resolved when hashing. @default PROJECT_ROOT */
  readonly root?: string;
}

/**
 * An image built from a directory of this repository by the Docker provider (`docker_image` with
 * `build`). A `triggers` entry carries the SHA-256 of every file in the context (path and bytes)
 * and of the build arguments, so editing the app or its Dockerfile rebuilds the image, and the
 * service's container (which references `imageId`) is re-created; an unchanged context never
 * rebuilds. The image is kept on destroy: a running container or another environment may use it.
 */
export class ProjectImage extends Construct {
  /** Escape hatch: the `docker_image` resource. */
  readonly resource: Image;
  /** Hex SHA-256 of the build context and arguments. */
  readonly contentHash: string;
  /** Image id (token): what containers reference. */
  readonly imageId: string;

  constructor(scope: Construct, id: string, props: ProjectImageProps) {
    super(scope, id);
    useDockerProvider(this);
    const root = props.root ?? PROJECT_ROOT;
    const dir = path.resolve(root, props.context);
    if (path.isAbsolute(props.context) || !dir.startsWith(root + path.sep)) {
      throw new Error(`image "${props.name}": build context "${props.context}" must be a directory inside the repository, given relative to its root`);
    }
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new Error(`image "${props.name}": build context "${props.context}" does not exist (resolved to ${dir})`);
    }
    const dockerfile = props.dockerfile ?? 'Dockerfile';
    if (!fs.existsSync(path.join(dir, dockerfile))) {
      throw new Error(`image "${props.name}": no ${dockerfile} in build context "${props.context}"`);
    }
    this.contentHash = contextHash(dir, props.buildArgs ?? {});
    this.resource = new Image(this, 'Resource', {
      name: props.name,
      keepLocally: true,
      buildAttribute: {
        context: `${FROM_STACK_DIR}/${props.context.replace(/\/+$/, '')}`,
        dockerfile,
        buildArgs: props.buildArgs ? { ...props.buildArgs } : undefined,
        tag: [props.name],
        remove: true,
      },
      triggers: { context_sha256: this.contentHash },
    });
    this.imageId = this.resource.imageId;
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
