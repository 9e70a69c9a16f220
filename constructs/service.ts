/**
 * A deployed service as everything but its renderer sees it: Consul registration, monitoring, the
 * ops model, the capacity plan and other stacks use `IService`, never a target's class. A target
 * (`DockerService`) extends `Service` and renders the `ServiceSpec` in its own terms.
 */
import { ITerraformDependable } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { ConstructError } from './construct-error';
import { DataGrant, GranteeKind, GrantLedger, IGrantee } from './grantee';
import type { LakeIdentity } from './lake-identity';
import { MetricsSpec, PortSpec, Probe, ResourceSpec, ServiceSpec } from './service-spec';

export interface IService extends IGrantee {
  /** DNS name inside the platform network and Consul service name. */
  readonly name: string;
  /** Service group (stack) it belongs to. */
  readonly group: string;
  /** The target-neutral description it was built from. */
  readonly spec: ServiceSpec;
  readonly ports: readonly PortSpec[];
  /** How its health is judged, as intent. @default - none (one-shot tasks) */
  readonly probe?: Probe;
  readonly metrics?: MetricsSpec;
  /** Run-to-completion task rather than a long-running service. */
  readonly oneShot: boolean;
  /** Number of instances. */
  readonly replicas: number;
  /** Limits of one instance. */
  readonly resources: ResourceSpec;
  /**
   * A DNS name per replica that reaches that replica only (registrations, their checks, metrics
   * targets), replica 1 first.
   */
  readonly replicaHosts: readonly string[];
  /** Each replica's hostname (`<name>`, `<name>-2`, …), replica 1 first. */
  readonly replicaNames: readonly string[];
  /** What the target calls each instance (Docker: container names), for operators' commands. */
  readonly instanceNames: readonly string[];
  /** What a resource that needs the service running (or, for a task, finished) waits for. */
  readonly dependable: readonly ITerraformDependable[];
  /**
   * The services this one is started after: it waits for them to be healthy, or for a task, to
   * have finished. The capacity plan reads which one-shot tasks can run at the same time from it.
   */
  readonly startsAfter: readonly IService[];
  /** The named port; throws naming the ports there are. */
  port(portName: string): PortSpec;
  /** `scheme://name:port` (or `name:port` for a tcp port) inside the network. */
  internalUrl(portName: string): string;
  /** `scheme://address:port` on the host, or undefined when the port is not published. */
  hostUrl(portName: string): string | undefined;
}

const SERVICE = Symbol.for('datalab-stacks.Service');

/** Target-independent part of every service: what the spec says, grants, and URLs built from ports. */
export abstract class Service extends Construct implements IService {
  /** Whether `x` is a service of any target (works across copies of this module, unlike `instanceof`). */
  static isService(x: unknown): x is Service {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[SERVICE] === true;
  }

  readonly spec: ServiceSpec;
  readonly name: string;
  readonly group: string;
  readonly ports: readonly PortSpec[];
  readonly probe?: Probe;
  readonly metrics?: MetricsSpec;
  readonly oneShot: boolean;
  readonly replicas: number;
  readonly resources: ResourceSpec;
  readonly granteeName: string;
  readonly granteeKind: GranteeKind;
  readonly lakeIdentity?: LakeIdentity;
  private readonly ledger = new GrantLedger();

  constructor(scope: Construct, id: string, spec: ServiceSpec) {
    super(scope, id);
    Object.defineProperty(this, SERVICE, { value: true });
    this.spec = spec;
    this.name = spec.name;
    this.group = spec.group;
    this.ports = spec.ports ?? [];
    this.probe = spec.probe;
    this.metrics = spec.metrics;
    this.oneShot = spec.oneShot ?? false;
    this.replicas = spec.replicas ?? 1;
    this.resources = spec.resources;
    this.granteeName = spec.name;
    this.granteeKind = this.oneShot ? 'job' : 'service';
    this.lakeIdentity = spec.lakeIdentity;
  }

  abstract readonly replicaHosts: readonly string[];
  abstract readonly replicaNames: readonly string[];
  abstract readonly instanceNames: readonly string[];
  abstract readonly dependable: readonly ITerraformDependable[];
  abstract readonly startsAfter: readonly IService[];

  /** DNS name of the service (all replicas) inside the platform network. */
  get host(): string {
    return this.name;
  }

  get dataGrants(): readonly DataGrant[] {
    return this.ledger.grants;
  }

  recordGrant(grant: DataGrant): void {
    this.ledger.record(grant);
  }

  port(portName: string): PortSpec {
    const p = this.ports.find((x) => x.name === portName);
    if (!p) {
      throw new ConstructError(this, `service "${this.name}" has no port "${portName}"; it has: ${this.ports.map((x) => x.name).join(', ') || 'none'}`);
    }
    return p;
  }

  internalUrl(portName: string): string {
    const p = this.port(portName);
    return p.scheme === 'tcp' ? `${this.host}:${p.containerPort}` : `${p.scheme ?? 'http'}://${this.host}:${p.containerPort}`;
  }

  hostUrl(portName: string): string | undefined {
    const p = this.port(portName);
    if (!p.host) return undefined;
    const address = hostDialAddress(p.host.address);
    return p.scheme === 'tcp' ? `${address}:${p.host.port}` : `${p.scheme ?? 'http'}://${address}:${p.host.port}`;
  }
}

/**
 * The address a tool on the Docker host dials for a port published on `address`: a port bound to
 * every interface (0.0.0.0) is reachable on loopback, and 127.0.0.1 (not "localhost", which may
 * resolve to ::1 where nothing is published) is what the host's tools are given.
 */
export function hostDialAddress(address: string): string {
  return address === '0.0.0.0' ? '127.0.0.1' : address;
}

/** Every service in the tree under `root` (all stacks of an app), in tree order. */
export function servicesIn(root: IConstruct): Service[] {
  return root.node.findAll().filter(Service.isService);
}
