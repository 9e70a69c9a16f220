/**
 * Where the Spark standalone master is, for clients in other groups (notebooks). The processing
 * group runs the master as service `spark-master` with RPC on 7077 (in-network only); clients
 * that cannot hold a typed reference to that stack derive its URL here, in one place.
 */
export const SPARK_MASTER_SERVICE = 'spark-master';
export const SPARK_MASTER_RPC_PORT = 7077;

/** `spark://spark-master:7077` */
export function sparkMasterUrl(): string {
  return `spark://${SPARK_MASTER_SERVICE}:${SPARK_MASTER_RPC_PORT}`;
}

/** Local mode: the driver runs executors in-process (no cluster deployed). */
export const SPARK_LOCAL = 'local[*]';
