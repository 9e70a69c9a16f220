"""bronze -> silver -> gold through Delta tables, as the three jobs run one after another."""
import datetime

from bronze_events import to_bronze
from datalab_job import Job
from gold_event_counts import to_gold, write_gold
from helpers import collect, event, kafka_rows
from silver_events import to_silver, write_silver


def _lake_job(tmp_path, layer_in, layer_out):
    return Job(
        {
            "name": f"{layer_out}-job",
            "runId": "1",
            "backfill": False,
            "trigger": "batch",
            "inputs": {"events": {"kind": "lake", "uri": str(tmp_path / layer_in) + "/"}},
            "outputs": {"table": {"kind": "lake", "uri": str(tmp_path / layer_out) + "/"}},
        }
    )


def _silver_then_gold(spark, tmp_path):
    silver_job = _lake_job(tmp_path, "bronze", "silver")
    bronze = silver_job.read_delta(spark, "events")
    write_silver(to_silver(bronze), silver_job.output("table"))
    gold_job = _lake_job(tmp_path, "silver", "gold")
    write_gold(to_gold(gold_job.read_delta(spark, "events")), gold_job.output("table"))
    return spark.read.format("delta").load(gold_job.output("table"))


def test_duplicates_malformed_and_late_records_end_as_the_right_daily_counts(spark, tmp_path):
    raw = kafka_rows(
        spark,
        [
            (event("e1", "Click", "u1", 1.0, "2026-01-05T10:00:00Z"), 0, "2026-01-05T10:00:01"),
            (event("e1", "Click", "u1", 1.0, "2026-01-05T10:00:00Z"), 1, "2026-01-05T10:00:02"),  # redelivery
            (event("e2", "click", "u2", 2.0, "2026-01-05T11:00:00Z"), 2, "2026-01-05T11:00:01"),
            (event("e3", "view", "u1", None, "2026-01-05T12:00:00Z"), 3, "2026-01-05T12:00:01"),
            ("{broken", 4, "2026-01-05T12:00:02"),
            (event("e0", "click", "u3", 4.0, "2026-01-02T09:00:00Z"), 5, "2026-01-05T12:00:03"),  # late
        ],
    )
    to_bronze(raw, "1").write.format("delta").partitionBy("ingest_date").save(str(tmp_path / "bronze") + "/")
    gold = collect(_silver_then_gold(spark, tmp_path), "event_date", "event_type")
    assert [(r["event_date"], r["event_type"], r["events"], r["distinct_users"], r["value_sum"]) for r in gold] == [
        (datetime.date(2026, 1, 2), "click", 1, 1, 4.0),
        (datetime.date(2026, 1, 5), "click", 2, 2, 3.0),
        (datetime.date(2026, 1, 5), "view", 1, 1, None),
    ]


def test_an_empty_bronze_table_gives_empty_silver_and_gold(spark, tmp_path):
    to_bronze(kafka_rows(spark, []), "1").write.format("delta").partitionBy("ingest_date").save(str(tmp_path / "bronze") + "/")
    assert _silver_then_gold(spark, tmp_path).count() == 0
    assert spark.read.format("delta").load(str(tmp_path / "silver")).count() == 0


def test_no_bronze_table_yet_means_nothing_to_do(spark, tmp_path):
    assert _lake_job(tmp_path, "bronze", "silver").read_delta(spark, "events") is None
