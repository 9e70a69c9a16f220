import { ITerraformDependable, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ConsulRegistration } from './consul-registration';
import { IService } from './service';
import { ConsulConnection } from './stack-providers';
import { ConstructError } from './construct-error';

export interface RegisterOptions {
  /**
   * Named port (of the service's ports) announced in the catalog: the one clients inside the
   * platform network dial. Consul clients are in-network, so a service with a separate host
   * listener (Kafka) must announce its in-network one.
   * @default - the service's first port, or the probe's port when it has none
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
 * service (every replica) with the network probe its `Probe` implies, in whichever stack the
 * service lives, and keeps the service in `registered`: the registry monitoring reads its scrape
 * targets from, whenever the registration was made.
 */
export class ServiceDiscovery {
  readonly connection: ConsulConnection;
  readonly environment: string;
  private readonly server: readonly ITerraformDependable[];
  private readonly services: IService[] = [];

  constructor(props: ServiceDiscoveryProps) {
    this.connection = props.connection;
    this.environment = props.environment;
    this.server = props.server;
  }

  /** Every registered service, in registration order. */
  get registered(): readonly IService[] {
    return this.services;
  }

  register(service: IService, options: RegisterOptions = {}): ConsulRegistration {
    const probe = service.probe?.network;
    if (!probe) {
      throw new ConstructError(service, `service "${service.name}" has no network probe for Consul to run (its probe checks only inside the service); register services with an http or tcp probe, or an exec probe with reachableAt`);
    }
    const name = service.name;
    if (!Construct.isConstruct(service)) throw new Error(`service "${name}" is not a construct; a registration is created beneath the service it registers`);
    // service.port() throws, naming the ports the service has, for an unknown name.
    const port = options.port !== undefined ? service.port(options.port).containerPort : (service.ports[0]?.containerPort ?? probe.port);
    // Terraform cannot depend on a resource of another stack; there the stack order covers it.
    const sameStack = (d: ITerraformDependable) => TerraformStack.of(d as unknown as Construct) === TerraformStack.of(service);
    const registration = new ConsulRegistration(service, 'registration', {
      connection: this.connection,
      service: service.name,
      instances: service.replicaHosts.map((host) => ({ host })),
      port,
      probe,
      group: service.group,
      environment: this.environment,
      metrics: service.metrics,
      dependsOn: [...this.server.filter(sameStack), ...service.dependable],
    });
    this.services.push(service);
    return registration;
  }
}
