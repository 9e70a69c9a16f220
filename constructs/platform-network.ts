import { Network } from '@cdktf/provider-docker/lib/network';
import { Construct } from 'constructs';

export interface PlatformNetworkProps {
  /** Docker network name, one per environment (`datalab-dev`). */
  readonly name: string;
  /** Environment label. */
  readonly environment: string;
}

/**
 * The user-defined bridge network every DataLab container joins. Container DNS names (`minio`,
 * `kafka`) resolve on it, and because each environment has its own network, two environments on
 * one host never see each other's services.
 */
export class PlatformNetwork extends Construct {
  /** Escape hatch: the `docker_network` resource. */
  readonly resource: Network;
  /** The network name as a token, so attaching a container makes it depend on the network. */
  readonly name: string;

  constructor(scope: Construct, id: string, props: PlatformNetworkProps) {
    super(scope, id);
    this.resource = new Network(this, 'Resource', {
      name: props.name,
      driver: 'bridge',
      attachable: true,
      labels: [
        { label: 'datalab.environment', value: props.environment },
        { label: 'datalab.managed-by', value: 'datalab-stacks' },
      ],
    });
    this.name = this.resource.name;
  }
}
