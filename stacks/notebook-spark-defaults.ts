/**
 * `spark-defaults.conf` for notebooks in the hub container: they are Spark drivers (client mode)
 * that read and write the lake through S3A with the notebook identity from the environment.
 * A pure function of its inputs, so tests pin every line.
 */

/** Jars baked into the hub image (images/jupyterhub/Dockerfile), served by the driver to executors. */
export const NOTEBOOK_JARS_DIR = '/opt/datalab/jars';
export const NOTEBOOK_JARS = ['hadoop-aws-3.3.4.jar', 'aws-java-sdk-bundle-1.12.262.jar', 'wildfly-openssl-1.0.7.Final.jar', 'delta-spark_2.12-3.3.1.jar', 'delta-storage-3.3.1.jar'] as const;

export interface NotebookSparkProps {
  /** `spark://host:port` or `local[*]`. */
  readonly master: string;
  /** The hub's DNS name on the platform network: executors connect back to the driver there. */
  readonly driverHost: string;
  /** S3 endpoint inside the platform network (`http://minio:9000`). */
  readonly s3Endpoint: string;
  /** Driver heap in MiB. */
  readonly driverMemoryMb: number;
  /** Notebook lake identity (tokens). Shipped to executors as Hadoop conf; Spark's UI redacts both keys. */
  readonly accessKey: string;
  readonly secretKey: string;
}

export function notebookSparkDefaults(p: NotebookSparkProps): string {
  const jars = NOTEBOOK_JARS.map((j) => `${NOTEBOOK_JARS_DIR}/${j}`);
  const entries: [string, string][] = [
    ['spark.master', p.master],
    ['spark.app.name', 'notebook'],
    // Executors on the workers open connections to the driver; the hub's DNS name resolves on the network.
    ['spark.driver.host', p.driverHost],
    ['spark.driver.bindAddress', '0.0.0.0'],
    ['spark.driver.memory', `${p.driverMemoryMb}m`],
    ['spark.driver.extraClassPath', `${NOTEBOOK_JARS_DIR}/*`],
    ['spark.jars', jars.join(',')],
    // As the jobs' (constructs/spark-conf.ts): silver's and gold's dates are UTC dates, so a
    // notebook's to_date() or date_trunc() must not depend on the driver JVM's zone.
    ['spark.sql.session.timeZone', 'UTC'],
    ['spark.sql.extensions', 'io.delta.sql.DeltaSparkSessionExtension'],
    ['spark.sql.catalog.spark_catalog', 'org.apache.spark.sql.delta.catalog.DeltaCatalog'],
    ['spark.hadoop.fs.s3a.endpoint', p.s3Endpoint],
    ['spark.hadoop.fs.s3a.path.style.access', 'true'],
    ['spark.hadoop.fs.s3a.connection.ssl.enabled', String(p.s3Endpoint.startsWith('https://'))],
    // Executors on the workers have no notebook credentials in their environment: spark.hadoop.*
    // settings travel with the job. Spark's default redaction regex hides access.key and secret.key.
    ['spark.hadoop.fs.s3a.aws.credentials.provider', 'org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider'],
    ['spark.hadoop.fs.s3a.access.key', p.accessKey],
    ['spark.hadoop.fs.s3a.secret.key', p.secretKey],
    ['spark.hadoop.fs.s3a.impl', 'org.apache.hadoop.fs.s3a.S3AFileSystem'],
  ];
  return ['# Managed by DataLab Stacks (visualization stack).', ...entries.map(([k, v]) => `${k} ${v}`), ''].join('\n');
}
