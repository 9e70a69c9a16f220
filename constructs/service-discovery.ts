import { ITerraformDependable, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ConsulRegistration } from './consul-registration';
import { DockerService } from './docker-service';
import { ConsulConnection } from './stack-providers';
import { ConstructError } from './construct-error';

export interface RegisterOptions {
  /**
   * Named port (of `spec.ports`) announced in the catalog: the one clients inside the platform
   * network dial. Consul clients are in-network, so a service with a separate host listener (Kafka)
   * must announce its in-network one.
   * @default - the spec's first port, or the health probe's port when it has none
   */
  readonly port?: string;
}

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

  register(service: DockerService, options: RegisterOptions = {}): ConsulRegistration {
    const spec = service.spec;
    if (!spec.health) throw new ConstructError(service, `service "${spec.name}" has no health check to register in Consul`);
    // service.port() throws, naming the ports the service has, for an unknown name.
    const port = options.port !== undefined ? service.port(options.port).containerPort : (spec.ports?.[0]?.containerPort ?? spec.health.probe.port);
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
