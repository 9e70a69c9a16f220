import { createHash } from 'node:crypto';
import { Image } from '@cdktf/provider-docker/lib/image';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { useDockerProvider } from './stack-providers';

export interface ProjectImageProps {
  /** Image name and pinned tag, e.g. `datalab/spark:3.5.8-delta3.3.1`. */
  readonly name: string;
  /** Absolute path of the build context (a directory with a Dockerfile). */
  readonly contextDir: string;
  /** Build arguments (e.g. the pinned base image). @default - none */
  readonly buildArgs?: Readonly<Record<string, string>>;
}

/**
 * An image built from a directory of this repository by the docker provider's `build` block.
 *
 * The directory is copied into the synthesized stack as an asset, so the build context is a path
 * relative to the stack directory (`assets/<id>/<hash>`): stable across machines and checkouts.
 * `triggers.content_sha` carries the content hash of the directory and the build arguments, so
 * an edit of the Dockerfile (e.g. a jar version) rebuilds the image; containers use `image_id`
 * and are re-created with it.
 */
export class ProjectImage extends Construct {
  readonly image: Image;
  readonly asset: TerraformAsset;
  /** Hash of the context directory's content and the build arguments. */
  readonly contentHash: string;

  constructor(scope: Construct, id: string, props: ProjectImageProps) {
    super(scope, id);
    useDockerProvider(this);
    this.asset = new TerraformAsset(this, 'context', { path: props.contextDir, type: AssetType.DIRECTORY });
    const args = props.buildArgs ?? {};
    const argText = Object.keys(args)
      .sort()
      .map((k) => `${k}=${args[k]}`)
      .join(',');
    this.contentHash = argText ? `${this.asset.assetHash}-${shortHash(argText)}` : this.asset.assetHash;
    this.image = new Image(this, 'image', {
      name: props.name,
      // Another environment on the same daemon may use the same tag.
      keepLocally: true,
      buildAttribute: {
        context: this.asset.path,
        dockerfile: 'Dockerfile',
        buildArgs: Object.keys(args).length > 0 ? { ...args } : undefined,
        tag: [props.name],
      },
      triggers: { content_sha: this.contentHash },
    });
  }
}

function shortHash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 8).toUpperCase();
}
