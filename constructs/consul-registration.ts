import { Node } from '../.gen/providers/consul/node';
import { Service, ServiceCheck } from '../.gen/providers/consul/service';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { MetricsSpec, ProbeTarget } from './service-spec';
import { ConsulConnection, useConsulProvider } from './stack-providers';

export interface RegisteredInstance {
  /** DNS name on the platform network: the node name and address ESM probes. */
  readonly host: string;
}

export interface ConsulRegistrationProps {
  readonly connection: ConsulConnection;
  /** Consul service name. */
  readonly service: string;
  /** One entry per replica. */
  readonly instances: readonly RegisteredInstance[];
  /** Port announced for the service. */
  readonly port: number;
  /** What consul-esm probes, from inside the platform network. */
  readonly probe: ProbeTarget;
  readonly group: string;
  readonly environment: string;
  /** Prometheus endpoint, announced in service meta for discovery-based scraping. */
  readonly metrics?: MetricsSpec;
  /** Probe interval and timeout, Go-canonical. @default '10s' / '5s' */
  readonly interval?: string;
  readonly timeout?: string;
  /** Wait for these (e.g. the Consul server container) before registering. */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * Registers a service in Consul's catalog as an external service: an external `consul_node` per
 * instance plus a `consul_service` whose check consul-esm runs over the platform network. The check
 * never deregisters a failing service (`deregister_critical_service_after = "0s"`), because a
 * deregistered service would be re-created by every following plan.
 */
export class ConsulRegistration extends Construct {
  readonly nodes: Node[] = [];
  readonly services: Service[] = [];

  constructor(scope: Construct, id: string, props: ConsulRegistrationProps) {
    super(scope, id);
    useConsulProvider(this, props.connection);
    const meta: Record<string, string> = {
      group: props.group,
      environment: props.environment,
      managed_by: 'datalab-stacks',
    };
    if (props.metrics) {
      meta.metrics_path = props.metrics.path;
      meta.metrics_port = String(props.metrics.port);
      meta.metrics_scheme = props.metrics.scheme ?? 'http';
    }
    props.instances.forEach((instance, i) => {
      const suffix = i === 0 ? '' : `-${i + 1}`;
      const node = new Node(this, `node${suffix}`, {
        name: instance.host,
        address: instance.host,
        datacenter: props.connection.datacenter,
        // external-probe stays off: ICMP/UDP ping between containers is not guaranteed.
        meta: { 'external-node': 'true', 'external-probe': 'false' },
        dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
      });
      this.nodes.push(node);
      this.services.push(
        new Service(this, `service${suffix}`, {
          name: props.service,
          serviceId: instance.host,
          nodeAttribute: node.name,
          address: instance.host,
          port: props.port,
          datacenter: props.connection.datacenter,
          tags: [props.group, props.environment],
          meta,
          check: [checkFor(instance.host, props)],
        }),
      );
    });
  }
}

function checkFor(host: string, props: ConsulRegistrationProps): ServiceCheck {
  const p = props.probe;
  const base = {
    checkId: `${host}:health`,
    name: `${props.service} health`,
    interval: props.interval ?? '10s',
    timeout: props.timeout ?? '5s',
    deregisterCriticalServiceAfter: '0s',
  };
  if (p.scheme === 'tcp') return { ...base, tcp: `${host}:${p.port}` };
  return { ...base, http: `${p.scheme}://${host}:${p.port}${p.path ?? '/'}`, method: 'GET', tlsSkipVerify: p.scheme === 'https' };
}
