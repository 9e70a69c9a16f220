/**
 * The building blocks every section of an environment file uses: environment and group names, the
 * pinned image reference, host bindings, volumes and the target-neutral service settings. Kept apart
 * from schema.ts so group sections (config/groups/*.ts) can import them and schema.ts can import
 * the groups, with no import cycle.
 */
import { z } from 'zod';

export * from './names';

/** `repo/name:tag` or `repo/name:tag@sha256:…`; a tag is required and may not be `latest`. */
export const imageRef = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._\-/:]*:[A-Za-z0-9_][A-Za-z0-9._-]{0,127}(@sha256:[a-f0-9]{64})?$/, {
    message: 'expected a pinned image "registry/name:tag" (a tag is required)',
  })
  .refine((s) => !/:latest(@|$)/.test(s), { message: 'the tag "latest" is not pinned; name a version' });

export const ipv4 = z.ipv4({ message: 'expected an IPv4 address such as 127.0.0.1' });

/** A port published on the Docker host. */
export const hostBindingSchema = z.strictObject({
  /** Host port. */
  port: z.int().min(1).max(65535),
  /** Host address; defaults to `network.publishAddress` (127.0.0.1). */
  address: ipv4.optional(),
});

/** A named Docker volume that holds a service's data. */
export const volumeSchema = z.strictObject({
  /** Docker volume name. Changing it replaces the volume (data loss). Default `datalab-<env>-<service>-<key>`. */
  name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/).optional(),
  /** Options for the `local` driver, e.g. `{type: none, o: bind, device: /srv/minio}`. */
  driverOpts: z.record(z.string(), z.string()).optional(),
});

interface ServiceShape<P extends string, V extends string> {
  /** Port names that may be published on the host. */
  readonly ports?: readonly P[];
  /** Volume keys the service mounts. */
  readonly volumes?: readonly V[];
  /** Whether the service may be switched off with `enabled: false`. */
  readonly optional?: boolean;
  /** Why the service runs exactly one container even without volumes (e.g. a one-shot init). */
  readonly singleton?: string;
}

function keyed<K extends string, S extends z.ZodType>(keys: readonly K[], value: S) {
  const shape = Object.fromEntries(keys.map((k) => [k, value.optional()])) as Record<K, z.ZodOptional<S>>;
  return z.strictObject(shape);
}

/**
 * The target-neutral settings every service shares: image, resources, replicas, published ports and
 * volumes. Services list the port names and volume keys they have, so a misspelt one is rejected.
 */
export function serviceSchema<P extends string = never, V extends string = never>(shape: ServiceShape<P, V> = {}) {
  return z.strictObject({
    /** Pinned image reference. */
    image: imageRef,
    /** Memory limit in MiB (hard limit, no swap). */
    memoryMb: z.int().min(32).max(1_048_576),
    /** CPU limit in cores (e.g. 0.5, 2). Unset: no CPU limit. */
    cpus: z.number().positive().max(256).optional(),
    /** Number of identical containers. A service with data volumes runs exactly one. */
    replicas: (shape.volumes?.length
      ? z.int().refine((n) => n === 1, { message: `a service with data volumes (${shape.volumes.join(', ')}) runs exactly one replica` })
      : shape.singleton
        ? z.int().refine((n) => n === 1, { message: `runs exactly one replica: ${shape.singleton}` })
        : z.int().min(1).max(32)
    ).default(1),
    /** Host ports, by the service's port name. A port not listed is reachable only inside the network. */
    ports: keyed(shape.ports ?? [], hostBindingSchema).default({} as never),
    /** Volume overrides by key. */
    volumes: keyed(shape.volumes ?? [], volumeSchema).default({} as never),
    /** Seconds `cdktf deploy` waits for the container to become healthy on create. */
    waitTimeoutSeconds: z.int().min(10).max(3600).optional(),
    /** Allow host bindings on addresses other than loopback for this service. */
    public: z.boolean().default(false),
    /** Deploy this service (only optional services may be switched off). */
    enabled: shape.optional ? z.boolean().default(true) : z.literal(true).default(true),
  });
}
export type ServiceConfig = z.infer<ReturnType<typeof serviceSchema>>;
export type HostBinding = z.infer<typeof hostBindingSchema>;
export type VolumeConfig = z.infer<typeof volumeSchema>;
