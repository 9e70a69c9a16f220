import { ITerraformDependable, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ConsulRegistration } from './consul-registration';
import { DockerService } from './docker-service';
import { ConsulConnection } from './stack-providers';

export interface ServiceDiscoveryProps {
  readonly connection: ConsulConnection;
  readonly environment: string;
  /** The healthy Consul server container; registrations in the same stack wait for it. */
  readonly server: readonly ITerraformDependable[];
}

/**
 * Consul as the platform's service catalog. `discovery.register(service)` registers a deployed
 * service (every replica) with the check its spec declares, in whichever stack the service lives.
 */
export class ServiceDiscovery {
  readonly connection: ConsulConnection;
  readonly environment: string;
  private readonly server: readonly ITerraformDependable[];

  constructor(props: ServiceDiscoveryProps) {
    this.connection = props.connection;
    this.environment = props.environment;
    this.server = props.server;
  }

  register(service: DockerService): ConsulRegistration {
    const spec = service.spec;
    if (!spec.health) throw new Error(`service "${spec.name}" has no health check to register in Consul`);
    const port = spec.ports?.[0]?.containerPort ?? spec.health.probe.port;
    // Terraform cannot depend on a resource of another stack; there the stack order covers it.
    const sameStack = (d: ITerraformDependable) => TerraformStack.of(d as unknown as Construct) === TerraformStack.of(service);
    return new ConsulRegistration(service, 'registration', {
      connection: this.connection,
      service: spec.name,
      instances: service.replicaHosts.map((host) => ({ host })),
      port,
      probe: spec.health.probe,
      group: spec.group,
      environment: this.environment,
      metrics: spec.metrics,
      dependsOn: [...this.server.filter(sameStack), ...service.dependable],
    });
  }
}
