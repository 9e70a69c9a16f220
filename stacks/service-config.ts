/**
 * Translation from a service's config (`ServiceConfig`) to the target-neutral spec fields it
 * decides: image, resources, replicas, published ports and volume names. Stacks add what the
 * service itself knows (command, env, probe, container ports).
 */
import { HostBinding, ServiceConfig, VolumeConfig } from '../config/schema';
import { PortSpec, ResourceSpec, VolumeSpec } from '../constructs/service-spec';

export interface ServiceContext {
  readonly environment: string;
  /** Default host address for published ports. */
  readonly publishAddress: string;
}

/** Container-side facts about one port; the host side comes from config. */
export interface PortDecl {
  readonly name: string;
  readonly containerPort: number;
  readonly scheme?: PortSpec['scheme'];
}

export function portsFor(ctx: ServiceContext, cfg: ServiceConfig, decls: readonly PortDecl[]): PortSpec[] {
  const published = cfg.ports as Record<string, HostBinding | undefined>;
  return decls.map((d) => {
    const b = published[d.name];
    return b ? { ...d, host: { address: b.address ?? ctx.publishAddress, port: b.port } } : { ...d };
  });
}

export function volumesFor(ctx: ServiceContext, service: string, cfg: ServiceConfig, mounts: Readonly<Record<string, string>>): VolumeSpec[] {
  const overrides = cfg.volumes as Record<string, VolumeConfig | undefined>;
  return Object.entries(mounts).map(([key, path]) => ({
    key,
    path,
    name: overrides[key]?.name ?? `datalab-${ctx.environment}-${service}-${key}`,
    // The config's driverOpts are the Docker local driver's (config/service-schema.ts).
    ...(overrides[key]?.driverOpts ? { targetOptions: { docker: { driverOpts: overrides[key]!.driverOpts } } } : {}),
  }));
}

/**
 * How many containers and how big, from a service's config: spread into a `ServiceSpec`
 * (`...sizingFor(cfg)`). One function for both, so no service can take its memory limit from
 * config and silently ignore its `replicas` (what the capacity check counts is what is deployed).
 */
export function sizingFor(cfg: ServiceConfig): { replicas: number; resources: ResourceSpec } {
  return {
    replicas: cfg.replicas,
    resources: cfg.cpus === undefined ? { memoryMb: cfg.memoryMb } : { memoryMb: cfg.memoryMb, cpus: cfg.cpus },
  };
}

/** The host address a tool on the Docker host uses to reach a published port. */
export function hostAddress(ctx: ServiceContext, b: HostBinding): string {
  const a = b.address ?? ctx.publishAddress;
  return a === '0.0.0.0' ? '127.0.0.1' : a;
}
