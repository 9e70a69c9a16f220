"""maintenance: keeps the lake's Delta tables within retention, compact and free of dead files.

Per table of the job's outputs (settings.tables: its partition column and retention in days, or
null for "keep every partition"), in this order:
  1. partition expiry: DELETE the rows whose partition date is before today - retentionDays (a
     metadata-only delete when the predicate is on the partition column: whole files are dropped);
  2. OPTIMIZE: small files rewritten into larger ones (bin-packing);
  3. VACUUM RETAIN settings.vacuumRetentionHours HOURS: files no table version of that window
     reads are deleted from the lake (the expired partitions' files, and OPTIMIZE's inputs, once
     they are older than the window). Time travel further back than the window is then impossible.
A table that does not exist yet is skipped. The report (printed as JSON) says what was done.
"""
import datetime
import json

from datalab_job import Job, _no_table
from pyspark.sql.utils import AnalysisException


def maintain_table(spark, uri, partition_column, retention_days, vacuum_hours, today):
    """Expires, optimizes and vacuums one table; returns what it did, or None when it has no table."""
    table = f"delta.`{uri}`"
    try:
        spark.sql(f"DESCRIBE DETAIL {table}").collect()
    except AnalysisException as e:
        if _no_table(e):
            return None
        raise
    report = {"table": uri, "expiredRows": 0, "cutoff": None}
    if retention_days:
        cutoff = today - datetime.timedelta(days=retention_days)
        report["cutoff"] = cutoff.isoformat()
        result = spark.sql(f"DELETE FROM {table} WHERE `{partition_column}` < DATE'{cutoff.isoformat()}'").collect()
        report["expiredRows"] = int(result[0][0]) if result and result[0][0] is not None else 0
    optimized = spark.sql(f"OPTIMIZE {table}").collect()
    metrics = optimized[0]["metrics"] if optimized else None
    report["filesAdded"] = int(metrics["numFilesAdded"]) if metrics else 0
    report["filesRemoved"] = int(metrics["numFilesRemoved"]) if metrics else 0
    spark.sql(f"VACUUM {table} RETAIN {int(vacuum_hours)} HOURS").collect()
    report["vacuumRetentionHours"] = int(vacuum_hours)
    return report


def run(spark, job, today):
    settings = job.spec["settings"]
    reports = []
    for name, t in settings["tables"].items():
        r = maintain_table(spark, job.output(name), t["partitionColumn"], t.get("retentionDays"), settings["vacuumRetentionHours"], today)
        print(f"job {job.name}: {name}: " + (json.dumps(r) if r else "no Delta table yet; skipped"))
        reports.append(r)
    return reports


def main():
    job = Job.from_env()
    spark = job.spark()
    run(spark, job, datetime.datetime.now(datetime.timezone.utc).date())
    spark.stop()


if __name__ == "__main__":
    main()
