import { createHash, Hash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Image } from '@cdktf/provider-docker/lib/image';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { useDockerProvider } from './stack-providers';

export interface DockerfileImageProps {
  /** Directory with the Dockerfile (the build context), absolute or relative to the process cwd. */
  readonly contextDir: string;
  /** Image repository of the result, e.g. `datalab/mlflow`. */
  readonly repository: string;
  /** Tag prefix, e.g. the upstream version; the content hash is appended. */
  readonly tagPrefix: string;
  /** Build arguments (part of the content hash). @default - none */
  readonly buildArgs?: Readonly<Record<string, string>>;
}

/**
 * A project image built on the Docker host from a Dockerfile in this repository. The build context
 * is copied into the synthesized stack as an asset, so the stack directory is self-contained. The
 * tag carries a hash of the context and build arguments: an edit yields a new image name, which
 * replaces the `docker_image` and (through `imageId`) re-creates the containers that run it.
 */
export class DockerfileImage extends Construct {
  readonly image: Image;
  /** `repository:tag` of the built image. */
  readonly name: string;
  /** Content hash of context + build arguments (first 12 hex digits). */
  readonly contentHash: string;

  constructor(scope: Construct, id: string, props: DockerfileImageProps) {
    super(scope, id);
    useDockerProvider(this);
    const context = new TerraformAsset(this, 'context', { path: props.contextDir, type: AssetType.DIRECTORY });
    const args = props.buildArgs ?? {};
    const hash = createHash('sha256');
    hashTree(hash, props.contextDir, '');
    this.contentHash = hash.update(JSON.stringify(Object.entries(args).sort())).digest('hex').slice(0, 12);
    this.name = `${props.repository}:${props.tagPrefix}-${this.contentHash}`;
    this.image = new Image(this, 'Resource', {
      name: this.name,
      keepLocally: true,
      buildAttribute: {
        context: context.path,
        buildArgs: { ...args },
        label: { 'datalab.managed-by': 'datalab-stacks' },
      },
      triggers: { content_hash: this.contentHash },
    });
  }
}

/** Relative names and contents of every file, in a stable order (cdktf's asset hash ignores names). */
function hashTree(hash: Hash, root: string, rel: string): void {
  const full = path.join(root, rel);
  if (fs.statSync(full).isDirectory()) {
    for (const name of fs.readdirSync(full).sort()) hashTree(hash, root, rel ? `${rel}/${name}` : name);
    return;
  }
  hash.update(`${rel}\0`).update(fs.readFileSync(full)).update('\0');
}
