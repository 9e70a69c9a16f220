"""bronze-events: the Kafka rows as stored, the checkpointed availableNow write, backfills.

The streaming tests feed the job's transformation and write from a file stream with the Kafka
source's schema (parquet files written by the test), so the Delta sink, the checkpoint and
trigger(availableNow=True) run for real without a broker.
"""
import datetime

from pyspark.sql import functions as F

from bronze_events import bronze_checkpoint, start_bronze_write, to_bronze
from helpers import BRONZE_SCHEMA, KAFKA_SCHEMA, collect, event, kafka_rows


def test_bronze_keeps_the_raw_record_and_its_kafka_metadata(spark):
    raw = kafka_rows(
        spark,
        [
            (event("e1"), 41, "2026-01-05T10:00:00", "user-1", 2),
            ("not even json", 42, "2026-01-05T23:59:59.999"),
            (None, 43, "2026-01-06T00:00:00", "tombstone-key"),
        ],
    )
    bronze = to_bronze(raw, "run-7")
    assert bronze.schema == BRONZE_SCHEMA
    rows = collect(bronze, "offset")
    assert [(r["key"], r["value"], r["partition"], r["offset"]) for r in rows] == [
        ("user-1", event("e1"), 2, 41),
        (None, "not even json", 0, 42),
        ("tombstone-key", None, 0, 43),
    ]
    assert {r["topic"] for r in rows} == {"events"} and {r["run_id"] for r in rows} == {"run-7"}
    # ingest_date is the Kafka time's (UTC) date, the table's partition.
    assert [r["ingest_date"] for r in rows] == [datetime.date(2026, 1, 5), datetime.date(2026, 1, 5), datetime.date(2026, 1, 6)]
    assert rows[1]["kafka_timestamp"] == datetime.datetime(2026, 1, 5, 23, 59, 59, 999000)
    assert all(r["ingested_at"] is not None for r in rows)


def test_a_backfill_gets_its_own_checkpoint_per_run(spark):
    assert bronze_checkpoint("s3a://bronze/events/_checkpoint/", False, "7") == "s3a://bronze/events/_checkpoint/"
    assert bronze_checkpoint("s3a://bronze/events/_checkpoint/", True, "7") == "s3a://bronze/events/_checkpoint/backfill-7/"
    assert bronze_checkpoint("s3a://bronze/events/_checkpoint/", True, "8") != bronze_checkpoint("s3a://bronze/events/_checkpoint/", True, "7")


def _drop(spark, folder, name, rows):
    """One parquet file of Kafka rows, as a micro-batch of the topic would deliver them."""
    kafka_rows(spark, rows).coalesce(1).write.mode("overwrite").parquet(str(folder / name))


def _run(spark, source, table, checkpoint, run_id):
    raw = spark.readStream.schema(KAFKA_SCHEMA).option("recursiveFileLookup", "true").parquet(str(source))
    query = start_bronze_write(to_bronze(raw, run_id), table, checkpoint)
    query.awaitTermination(120)
    assert not query.isActive, "availableNow must stop once the input is drained"
    assert query.exception() is None


def test_runs_append_only_what_arrived_since_the_last_run_and_a_backfill_reads_everything_again(spark, tmp_path):
    source = tmp_path / "topic"
    source.mkdir()
    table = str(tmp_path / "bronze" / "events") + "/"
    checkpoint = table + "_checkpoint/"

    _drop(spark, source, "batch-1", [(event("e1"), 0, "2026-01-05T10:00:00"), (event("e2"), 1, "2026-01-05T10:00:01")])
    _run(spark, source, table, bronze_checkpoint(checkpoint, False, "1"), "1")
    assert spark.read.format("delta").load(table).count() == 2

    _drop(spark, source, "batch-2", [(event("e3"), 2, "2026-01-06T08:00:00")])
    _run(spark, source, table, bronze_checkpoint(checkpoint, False, "2"), "2")
    bronze = spark.read.format("delta").load(table)
    assert collect(bronze.groupBy("run_id").count(), "run_id") == [{"run_id": "1", "count": 2}, {"run_id": "2", "count": 1}]
    detail = spark.sql(f"DESCRIBE DETAIL delta.`{table}`").collect()[0]
    assert detail["partitionColumns"] == ["ingest_date"]

    # A run with nothing new appends nothing.
    _run(spark, source, table, bronze_checkpoint(checkpoint, False, "3"), "3")
    assert spark.read.format("delta").load(table).count() == 3

    # A backfill starts a fresh checkpoint: every retained record again (silver removes the copies).
    _run(spark, source, table, bronze_checkpoint(checkpoint, True, "4"), "4")
    bronze = spark.read.format("delta").load(table)
    assert bronze.count() == 6
    assert bronze.where(F.col("run_id") == "4").count() == 3
    # The checkpoints live inside the table prefix, and Delta does not read them as data.
    assert bronze.where(F.col("value").isNull()).count() == 0


def test_an_empty_topic_writes_no_table(spark, tmp_path):
    from datalab_job import Job

    source = tmp_path / "topic"
    source.mkdir()
    table = str(tmp_path / "bronze" / "events") + "/"
    _run(spark, source, table, table + "_checkpoint/", "1")
    # The prefix holds only the checkpoint: silver must see "no table yet", not fail.
    job = Job({"name": "silver-events", "runId": "1", "backfill": False, "trigger": "batch", "inputs": {"events": {"kind": "lake", "uri": table}}, "outputs": {}})
    assert job.read_delta(spark, "events") is None
