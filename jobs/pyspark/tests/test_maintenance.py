"""maintenance: partition expiry, OPTIMIZE and VACUUM on real Delta tables."""
import datetime
import os

from maintenance import maintain_table, run

from datalab_job import Job


def _table(spark, path, days):
    rows = [(f"e{i}", datetime.date(2026, 1, d)) for i, d in enumerate(days)]
    df = spark.createDataFrame(rows, "event_id string, event_date date")
    # One file per row and day: something for OPTIMIZE to compact.
    for r in rows:
        spark.createDataFrame([r], df.schema).write.format("delta").mode("append").partitionBy("event_date").save(path)


def _data_files(path):
    return sorted(os.path.relpath(os.path.join(r, f), path) for r, _, fs in os.walk(path) for f in fs if f.endswith(".parquet"))


def test_expires_partitions_before_the_cutoff_and_keeps_the_rest(spark, tmp_path):
    path = str(tmp_path / "silver")
    _table(spark, path, [1, 1, 5, 9, 10])
    report = maintain_table(spark, path, "event_date", retention_days=3, vacuum_hours=168, today=datetime.date(2026, 1, 12))
    assert report["cutoff"] == "2026-01-09"
    assert report["expiredRows"] == 3
    left = sorted(r.event_date.day for r in spark.read.format("delta").load(path).collect())
    assert left == [9, 10]


def test_without_a_retention_no_row_is_deleted(spark, tmp_path):
    path = str(tmp_path / "gold")
    _table(spark, path, [1, 2])
    report = maintain_table(spark, path, "event_date", retention_days=None, vacuum_hours=168, today=datetime.date(2030, 1, 1))
    assert report["expiredRows"] == 0 and report["cutoff"] is None
    assert spark.read.format("delta").load(path).count() == 2


def test_optimize_compacts_small_files_of_a_partition(spark, tmp_path):
    path = str(tmp_path / "bronze")
    _table(spark, path, [3, 3, 3])
    report = maintain_table(spark, path, "event_date", retention_days=None, vacuum_hours=168, today=datetime.date(2026, 1, 4))
    assert report["filesRemoved"] == 3 and report["filesAdded"] == 1
    assert spark.read.format("delta").load(path).count() == 3


def test_vacuum_deletes_the_expired_and_compacted_files_once_outside_the_retention(spark, tmp_path):
    path = str(tmp_path / "t")
    _table(spark, path, [1, 7, 7])
    assert len(_data_files(path)) == 3
    # Zero hours needs Delta's safety check off (the job's config allows no less than 168 h).
    spark.conf.set("spark.databricks.delta.retentionDurationCheck.enabled", "false")
    try:
        maintain_table(spark, path, "event_date", retention_days=2, vacuum_hours=0, today=datetime.date(2026, 1, 8))
    finally:
        spark.conf.set("spark.databricks.delta.retentionDurationCheck.enabled", "true")
    # The 1st's partition is gone from disk; the 7th's two files are one compacted file.
    files = _data_files(path)
    assert [f.split(os.sep)[0] for f in files] == ["event_date=2026-01-07"]
    assert spark.read.format("delta").load(path).count() == 2


def test_vacuum_keeps_files_within_the_retention_window(spark, tmp_path):
    path = str(tmp_path / "t")
    _table(spark, path, [1, 7])
    maintain_table(spark, path, "event_date", retention_days=2, vacuum_hours=168, today=datetime.date(2026, 1, 8))
    # The expired partition's file is unreferenced but young: time travel still reads it.
    assert len(_data_files(path)) == 2
    assert spark.read.format("delta").option("versionAsOf", 0).load(path).count() == 1


def test_a_table_that_does_not_exist_yet_is_skipped(spark, tmp_path):
    assert maintain_table(spark, str(tmp_path / "none"), "event_date", 1, 168, datetime.date(2026, 1, 1)) is None


def test_run_maintains_every_table_of_its_settings(spark, tmp_path):
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    _table(spark, a, [1, 9])
    _table(spark, b, [1, 9])
    job = Job({
        "name": "maintenance", "runId": "1", "backfill": False, "trigger": "batch", "inputs": {},
        "outputs": {"bronze_events": {"kind": "lake", "uri": a}, "silver_events": {"kind": "lake", "uri": b}, "gold_event_counts": {"kind": "lake", "uri": str(tmp_path / "missing")}},
        "settings": {"vacuumRetentionHours": 168, "tables": {
            "bronze_events": {"partitionColumn": "event_date", "retentionDays": 5},
            "silver_events": {"partitionColumn": "event_date", "retentionDays": None},
            "gold_event_counts": {"partitionColumn": "event_date", "retentionDays": 5},
        }},
    })
    reports = run(spark, job, datetime.date(2026, 1, 10))
    assert [r and r["expiredRows"] for r in reports] == [1, 0, None]
