/**
 * Where Spark drivers (jobs, notebooks) find their executors, as an object rather than a URL typed
 * again by each client: the platform's own standalone cluster (`SparkEndpoint.cluster(master)`,
 * which keeps the master service), a master outside the platform, or local mode when no cluster is
 * deployed.
 */
import type { IService } from './service';
import type { ServiceSpec } from './service-spec';

/** Local mode: the driver runs executors in-process (no cluster deployed). */
export const SPARK_LOCAL = 'local[*]';

export type SparkMode = 'cluster' | 'local';

export class SparkEndpoint {
  /** The standalone master of this platform, reached on its named RPC port. */
  static cluster(master: IService, rpcPort = 'rpc'): SparkEndpoint {
    return new SparkEndpoint(SparkEndpoint.masterUrlOf(master.spec, rpcPort), 'cluster', master);
  }

  /**
   * `spark://<name>:<port>` of a master described by `spec`: what the master's own configuration
   * files carry, which exist before the master does. `cluster(master)` gives the same URL.
   */
  static masterUrlOf(spec: ServiceSpec, rpcPort = 'rpc'): string {
    const p = spec.ports?.find((x) => x.name === rpcPort);
    if (!p) throw new Error(`service "${spec.name}" has no port "${rpcPort}" for the Spark master URL; it has: ${(spec.ports ?? []).map((x) => x.name).join(', ') || 'none'}`);
    return `spark://${spec.name}:${p.containerPort}`;
  }

  /** A master URL from config: `local[*]` is local mode, anything else a master outside the platform. */
  static fromUrl(url: string): SparkEndpoint {
    return url === SPARK_LOCAL ? SparkEndpoint.local() : new SparkEndpoint(url, 'cluster');
  }

  /** Local mode, for clients of an environment without the processing group. */
  static local(): SparkEndpoint {
    return new SparkEndpoint(SPARK_LOCAL, 'local');
  }

  private constructor(
    /** What `--master` / `spark.master` take. */
    readonly url: string,
    readonly mode: SparkMode,
    /** The master service, when the cluster is this platform's. */
    readonly master?: IService,
  ) {}
}
