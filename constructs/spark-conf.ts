/**
 * The configuration files every Spark process of the platform gets (master, workers, job drivers),
 * uploaded into `$SPARK_CONF_DIR` (/opt/spark/conf; the upstream image has none). They hold no
 * credentials: a job brings its own MinIO identity (see jobs/pyspark/datalab_job.py).
 */
import { createHash } from 'node:crypto';
import { FileSpec } from './service-spec';

export const SPARK_CONF_DIR = '/opt/spark/conf';

export interface SparkConfProps {
  /** `spark://spark-master:7077`. */
  readonly masterUrl: string;
  /** S3 endpoint inside the platform network (`http://minio:9000`), from the data lake. */
  readonly s3Endpoint: string;
}

export function sparkDefaults(props: SparkConfProps): string {
  const entries: [string, string][] = [
    ['spark.master', props.masterUrl],
    // Delta Lake (jars baked into the project image).
    ['spark.sql.extensions', 'io.delta.sql.DeltaSparkSessionExtension'],
    ['spark.sql.catalog.spark_catalog', 'org.apache.spark.sql.delta.catalog.DeltaCatalog'],
    // Dates of timestamps are UTC dates (silver's event_date, bronze's ingest_date: docs/jobs.md),
    // whatever time zone a container's JVM has; the jobs' tests run with the same setting.
    ['spark.sql.session.timeZone', 'UTC'],
    // S3A to MinIO: path-style, plain HTTP inside the network. Keys come from each job's conf.
    ['spark.hadoop.fs.s3a.endpoint', props.s3Endpoint],
    ['spark.hadoop.fs.s3a.path.style.access', 'true'],
    ['spark.hadoop.fs.s3a.connection.ssl.enabled', 'false'],
    ['spark.hadoop.fs.s3a.impl', 'org.apache.hadoop.fs.s3a.S3AFileSystem'],
    ['spark.hadoop.fs.s3a.aws.credentials.provider', 'org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider'],
    // The spark user's home is /nonexistent: keep Ivy (if anyone uses --packages) in /tmp.
    ['spark.jars.ivy', '/tmp/.ivy2'],
    // Executors' metrics on the driver UI (/metrics/executors/prometheus).
    ['spark.ui.prometheus.enabled', 'true'],
    // Credentials set in a job's conf never show in UIs or logs.
    ['spark.redaction.regex', '(?i)secret|password|token|access[.]key'],
  ];
  const width = Math.max(...entries.map(([k]) => k.length)) + 1;
  return ['# Managed by DataLab Stacks (processing stack). No credentials here: each job sets its own.', ...entries.map(([k, v]) => `${k.padEnd(width)}${v}`), ''].join('\n');
}

/** PrometheusServlet on the UIs: master /metrics/master/prometheus, worker and driver /metrics/prometheus. */
export const METRICS_PROPERTIES = `# Managed by DataLab Stacks (processing stack).
*.sink.prometheusServlet.class=org.apache.spark.metrics.sink.PrometheusServlet
*.sink.prometheusServlet.path=/metrics/prometheus
master.sink.prometheusServlet.path=/metrics/master/prometheus
applications.sink.prometheusServlet.path=/metrics/applications/prometheus
`;

/** Daemons log INFO; Spark's chatty internals WARN, so job output in `container_logs` stays small. */
export const LOG4J2_PROPERTIES = `# Managed by DataLab Stacks (processing stack).
rootLogger.level = warn
rootLogger.appenderRef.stdout.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
logger.deploy.name = org.apache.spark.deploy
logger.deploy.level = info
`;

export const SPARK_METRICS = {
  master: { port: 8080, path: '/metrics/master/prometheus' },
  worker: { port: 8081, path: '/metrics/prometheus' },
} as const;

/** The three files, for `ServiceSpec.files`. */
export function sparkConfFiles(props: SparkConfProps): FileSpec[] {
  return [
    { path: `${SPARK_CONF_DIR}/spark-defaults.conf`, content: sparkDefaults(props) },
    { path: `${SPARK_CONF_DIR}/metrics.properties`, content: METRICS_PROPERTIES },
    { path: `${SPARK_CONF_DIR}/log4j2.properties`, content: LOG4J2_PROPERTIES },
  ];
}

/** Short content hash of files (path + content), for labels and env that must change with them. */
export function contentHash(files: readonly { path: string; content: string }[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(f.path).update('\0').update(f.content).update('\0');
  return h.digest('hex').slice(0, 16);
}
