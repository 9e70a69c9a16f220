"""data-checks: freshness, row counts, null rates and schema of the lake's tables; alerts on failure.

Per table of the job's inputs, with its contract and bounds (settings.tables, from
jobs/data-checks.ts and processing.dataChecks):
  schema     columns and simple types equal the contract (a column added, missing or retyped: drift)
  freshness  the table's last commit is at most maxAgeHours old
  rows       at least minRows rows
  nulls      each key column's null share is at most maxNullRate
  exists     a table that does not exist is a failure of its own
Each failure is published to the alerts topic as one JSON message, and every check's outcome is
written as Prometheus metrics (settings.metricsDir/data-checks.prom; the pipeline worker serves
it). The run exits 1 when any check failed, so the pipeline run shows it too.
"""
import datetime
import json
import os
import sys

from pyspark.sql import functions as F
from pyspark.sql.utils import AnalysisException

from datalab_job import Job, _no_table


def _failure(table, check, message, **detail):
    return {"table": table, "check": check, "message": message, **detail}


def check_table(spark, name, uri, expect, now):
    """(outcomes, failures) of one table: outcomes maps each check to True (passed) or False."""
    try:
        df = spark.read.format("delta").load(uri)
        detail = spark.sql(f"DESCRIBE DETAIL delta.`{uri}`").collect()[0]
    except AnalysisException as e:
        if _no_table(e):
            return {"exists": False}, [_failure(name, "exists", f"{uri} has no Delta table")]
        raise
    outcomes, failures = {"exists": True}, []

    actual = {f.name: f.dataType.simpleString() for f in df.schema.fields}
    expected = expect["columns"]
    missing = sorted(set(expected) - set(actual))
    added = sorted(set(actual) - set(expected))
    retyped = sorted(c for c in set(expected) & set(actual) if expected[c] != actual[c])
    outcomes["schema"] = not (missing or added or retyped)
    if not outcomes["schema"]:
        parts = [f"missing {', '.join(missing)}" if missing else "", f"unexpected {', '.join(added)}" if added else "", ", ".join(f"{c} is {actual[c]} not {expected[c]}" for c in retyped)]
        failures.append(_failure(name, "schema", "schema drift: " + "; ".join(p for p in parts if p), missing=missing, unexpected=added, retyped=retyped))

    if expect.get("maxAgeHours") is not None:
        last = detail["lastModified"]
        if last.tzinfo is None:
            last = last.replace(tzinfo=datetime.timezone.utc)
        age_hours = (now - last).total_seconds() / 3600
        outcomes["freshness"] = age_hours <= expect["maxAgeHours"]
        if not outcomes["freshness"]:
            failures.append(_failure(name, "freshness", f"last commit {age_hours:.1f} h ago, allowed {expect['maxAgeHours']} h", ageHours=round(age_hours, 2)))

    need_rows = expect.get("minRows") is not None
    need_nulls = expect.get("maxNullRate") is not None and expect["keyColumns"]
    if need_rows or need_nulls:
        keys = [c for c in expect["keyColumns"] if c in actual] if need_nulls else []
        aggs = [F.count(F.lit(1)).alias("__rows")] + [F.sum(F.col(c).isNull().cast("long")).alias(c) for c in keys]
        row = df.agg(*aggs).collect()[0]
        rows = row["__rows"]
        if need_rows:
            outcomes["rows"] = rows >= expect["minRows"]
            if not outcomes["rows"]:
                failures.append(_failure(name, "rows", f"{rows} rows, at least {expect['minRows']} expected", rows=rows))
        if need_nulls:
            worst = []
            for c in keys:
                rate = (row[c] or 0) / rows if rows else 0.0
                if rate > expect["maxNullRate"]:
                    worst.append((c, rate))
            outcomes["nulls"] = not worst
            if worst:
                failures.append(_failure(name, "nulls", "null rate above " + f"{expect['maxNullRate']}: " + ", ".join(f"{c} {r:.3f}" for c, r in worst), columns={c: r for c, r in worst}))
    return outcomes, failures


def metrics_text(results, now):
    """Prometheus text: per table and check, 1 when the check failed, 0 when it passed."""
    lines = [
        "# HELP datalab_data_check_failed 1 when the data check failed on its last run, 0 when it passed.",
        "# TYPE datalab_data_check_failed gauge",
    ]
    for table, outcomes in results.items():
        for check, ok in sorted(outcomes.items()):
            lines.append(f'datalab_data_check_failed{{table="{table}",check="{check}"}} {0 if ok else 1}')
    lines += [
        "# HELP datalab_data_checks_last_run_timestamp_seconds When the data checks last ran.",
        "# TYPE datalab_data_checks_last_run_timestamp_seconds gauge",
        f"datalab_data_checks_last_run_timestamp_seconds {now.timestamp():.0f}",
    ]
    return "\n".join(lines) + "\n"


def write_metrics(directory, text):
    """Written whole, then renamed into place: a scrape never reads half a file."""
    os.makedirs(directory, exist_ok=True)
    tmp = os.path.join(directory, ".data-checks.prom.tmp")
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, os.path.join(directory, "data-checks.prom"))


def alert_messages(failures, job_name, run_id, now):
    """One JSON alert per failure (key: table/check, so a topic compaction keeps the latest)."""
    return [
        (f"{f['table']}/{f['check']}", json.dumps({"source": job_name, "run": run_id, "at": now.isoformat(), "severity": "error", **f}, sort_keys=True))
        for f in failures
    ]


def publish(spark, bootstrap, topic, messages):
    """Writes the alerts to Kafka (a batch write; the Kafka jars are in the image)."""
    if not messages:
        return
    df = spark.createDataFrame(messages, "key string, value string")
    df.write.format("kafka").option("kafka.bootstrap.servers", bootstrap).option("topic", topic).save()


def run_checks(spark, job, now):
    settings = job.spec["settings"]
    results, failures = {}, []
    for name, expect in settings["tables"].items():
        outcomes, fails = check_table(spark, name, job.input(name), expect, now)
        results[name] = outcomes
        failures += fails
    return results, failures


def main():
    job = Job.from_env()
    spark = job.spark()
    now = datetime.datetime.now(datetime.timezone.utc)
    results, failures = run_checks(spark, job, now)
    publish(spark, job.kafka_bootstrap, job.output("alerts"), alert_messages(failures, job.name, job.run_id, now))
    write_metrics(os.environ.get("DATALAB_METRICS_DIR", job.spec["settings"]["metricsDir"]), metrics_text(results, now))
    for f in failures:
        print(f"job {job.name}: FAILED {f['table']} {f['check']}: {f['message']}")
    print(f"job {job.name}: {sum(len(o) for o in results.values())} checks, {len(failures)} failed")
    spark.stop()
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
