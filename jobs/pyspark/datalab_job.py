"""Runtime side of a DataLab job definition (jobs/<name>.ts).

The processing stack passes everything a job needs in environment variables:
  DATALAB_JOB            JSON: name, layer, runId, backfill, trigger, kafkaBootstrap,
                         inputs / outputs by name -> {"kind": "topic", "topic": ...}
                                                    | {"kind": "lake", "uri": "s3a://bucket/prefix/"}
  AWS_ACCESS_KEY_ID      the job's own MinIO user (policy: only the declared prefixes)
  AWS_SECRET_ACCESS_KEY
The S3A endpoint, path-style access and Delta settings come from spark-defaults.conf.

Code reaches data only through job.input("name") / job.output("name"); the stack checks at synth
time that every name used here is declared in the job definition.
"""
import json
import os
import sys

from pyspark.sql import SparkSession
from pyspark.sql.utils import AnalysisException

# What Spark and Delta say when a Delta path has no table yet (first deploy: the upstream job found
# no data). A prefix that does not exist is PATH_NOT_FOUND; one that exists without a _delta_log
# (bronze on an empty topic leaves only its streaming checkpoint there) is DELTA_TABLE_NOT_FOUND in
# Delta 3.x; older releases said "is not a Delta table". Error classes first, messages as fallback.
_NO_TABLE_CLASSES = ("PATH_NOT_FOUND", "DELTA_TABLE_NOT_FOUND", "DELTA_MISSING_DELTA_TABLE", "DELTA_PATH_DOES_NOT_EXIST")
_NO_TABLE = ("is not a Delta table", "Path does not exist", "doesn't exist")


class Job:
    def __init__(self, spec):
        self.spec = spec
        self.name = spec["name"]
        self.run_id = spec["runId"]
        self.backfill = bool(spec["backfill"])
        self.trigger = spec["trigger"]
        self.kafka_bootstrap = spec.get("kafkaBootstrap")

    @staticmethod
    def from_env():
        return Job(json.loads(os.environ["DATALAB_JOB"]))

    def _ref(self, section, name):
        refs = self.spec[section]
        if name not in refs:
            raise KeyError(f"job {self.name}: {name!r} is not declared in {section} ({', '.join(sorted(refs))})")
        return refs[name]

    def input(self, name):
        """A declared input: a topic name or an s3a:// URI."""
        ref = self._ref("inputs", name)
        return ref["topic"] if ref["kind"] == "topic" else ref["uri"]

    def output(self, name):
        """A declared output: a topic name or an s3a:// URI."""
        ref = self._ref("outputs", name)
        return ref["topic"] if ref["kind"] == "topic" else ref["uri"]

    def spark(self):
        # The job's credentials travel in the Spark conf, so executors on the workers (which hold
        # no credentials of their own) use this job's identity. Spark redacts *.secret.key in its UI.
        return (
            SparkSession.builder.appName(f"{self.name} (run {self.run_id})")
            .config("spark.hadoop.fs.s3a.access.key", os.environ["AWS_ACCESS_KEY_ID"])
            .config("spark.hadoop.fs.s3a.secret.key", os.environ["AWS_SECRET_ACCESS_KEY"])
            .getOrCreate()
        )

    def read_delta(self, spark, name):
        """The declared input `name` as a DataFrame, or None while its table does not exist yet."""
        try:
            return spark.read.format("delta").load(self.input(name))
        except AnalysisException as e:
            if _no_table(e):
                print(f"job {self.name}: input {name!r} ({self.input(name)}) has no Delta table yet; nothing to do")
                return None
            raise

    def run_batch(self, read, transform, table):
        """A batch layer: `read(spark)` (a declared Delta input, or None while it has no table yet)
        through `transform`, written over the Delta table at `table`. Without input (the first deploy
        on an empty topic) it succeeds without writing: the next run picks it up."""
        spark = self.spark()
        source = read(spark)
        if source is None:
            spark.stop()
            sys.exit(0)
        overwrite_by_date(transform(source), table)
        spark.stop()


def overwrite_by_date(df, table):
    """Replaces the Delta table at `table` with `df`, partitioned by event_date. Batch layers are
    recomputed from their whole input, so every run (and every backfill) gives the same table."""
    (
        df.write.format("delta")
        .mode("overwrite")
        .option("overwriteSchema", "true")
        .partitionBy("event_date")
        .save(table)
    )


def _no_table(e):
    """Does this error say that there is no Delta table at the path (yet)?"""
    error_class = e.getErrorClass() if hasattr(e, "getErrorClass") else None
    if error_class:
        return error_class in _NO_TABLE_CLASSES
    return any(m in str(e) for m in _NO_TABLE)
