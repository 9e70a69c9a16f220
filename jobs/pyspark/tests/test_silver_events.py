"""silver-events: parsing, filtering, de-duplication, late and malformed records, empty input."""
import datetime

from pyspark.sql import functions as F

from helpers import OMIT, SILVER_SCHEMA, bronze_rows, collect, event
from silver_events import to_silver, write_silver


def test_silver_schema_is_the_payload_contract_plus_kafka_time_and_event_date(spark):
    silver = to_silver(bronze_rows(spark, [(event(), 1, "2026-01-05T10:00:01")]))
    assert [(f.name, f.dataType) for f in silver.schema.fields] == [(f.name, f.dataType) for f in SILVER_SCHEMA.fields]


def test_parses_types_and_normalises_event_type(spark):
    bronze = bronze_rows(spark, [(event("e1", "  Page_View ", "u7", 2.5, "2026-01-05T23:30:00Z"), 1, "2026-01-05T23:30:02")])
    [row] = collect(to_silver(bronze), "event_id")
    assert row["event_id"] == "e1"
    assert row["event_type"] == "page_view"
    assert row["user_id"] == "u7"
    assert row["value"] == 2.5
    assert row["occurred_at"] == datetime.datetime(2026, 1, 5, 23, 30)  # UTC session: naive UTC back
    assert row["event_date"] == datetime.date(2026, 1, 5)


def test_timestamps_with_offsets_and_fractions_parse_to_the_same_instant(spark):
    bronze = bronze_rows(
        spark,
        [
            (event("a", occurred_at="2026-01-05T10:00:00Z"), 1, "2026-01-05T10:00:01"),
            (event("b", occurred_at="2026-01-05T11:00:00+01:00"), 2, "2026-01-05T10:00:01"),
            (event("c", occurred_at="2026-01-05T10:00:00.123Z"), 3, "2026-01-05T10:00:01"),
            (event("d", occurred_at="2026-01-05T10:00:00.123456Z"), 4, "2026-01-05T10:00:01"),
            # Past midnight UTC but still the 5th in the producer's zone: the date is the UTC one.
            (event("e", occurred_at="2026-01-05T23:30:00-02:00"), 5, "2026-01-06T01:30:01"),
        ],
    )
    rows = {r["event_id"]: r for r in collect(to_silver(bronze), "event_id")}
    assert rows["a"]["occurred_at"] == rows["b"]["occurred_at"] == datetime.datetime(2026, 1, 5, 10, 0)
    assert rows["c"]["occurred_at"] == datetime.datetime(2026, 1, 5, 10, 0, 0, 123000)
    assert rows["d"]["occurred_at"] == datetime.datetime(2026, 1, 5, 10, 0, 0, 123456)
    assert rows["e"]["event_date"] == datetime.date(2026, 1, 6)


def test_keeps_the_first_delivery_of_each_event(spark):
    bronze = bronze_rows(
        spark,
        [
            # A redelivery with another payload arrives later: the first one wins.
            (event("e1", "click", value=2.0), 7, "2026-01-05T10:00:05"),
            (event("e1", "click", value=1.0), 3, "2026-01-05T10:00:01"),
            (event("e2", "view"), 4, "2026-01-05T10:00:02"),
        ],
    )
    rows = collect(to_silver(bronze), "event_id")
    assert [(r["event_id"], r["value"]) for r in rows] == [("e1", 1.0), ("e2", 1.0)]
    assert rows[0]["kafka_timestamp"] == datetime.datetime(2026, 1, 5, 10, 0, 1)


def test_a_backfill_copy_of_the_same_record_loses_to_the_first_ingest(spark):
    bronze = bronze_rows(
        spark,
        [
            (event("e1", value=9.0), 3, "2026-01-05T10:00:01", "2026-01-07T00:00:00"),  # re-read by a backfill
            (event("e1", value=1.0), 3, "2026-01-05T10:00:01", "2026-01-05T10:05:00"),
        ],
    )
    [row] = collect(to_silver(bronze), "event_id")
    assert row["value"] == 1.0
    assert row["ingested_at"] == datetime.datetime(2026, 1, 5, 10, 5)


def test_duplicates_with_equal_times_resolve_by_partition_and_offset_every_time(spark):
    # Same Kafka timestamp and ingest time (one batch): without a tie-break the kept row depends on
    # the order rows reach the window, so a re-run could change silver. The lowest (partition,
    # offset) wins. Rows are listed highest offset first, in many groups, so an order-dependent
    # choice would keep some of the wrong ones.
    rows = []
    for i in range(40):
        rows.append((event(f"e{i}", value=2.0), 1000 + i, "2026-01-05T10:00:01", "2026-01-05T10:05:00", 1))
        rows.append((event(f"e{i}", value=1.0), 100 + i, "2026-01-05T10:00:01", "2026-01-05T10:05:00", 1))
        rows.append((event(f"e{i}", value=3.0), 5, "2026-01-05T10:00:01", "2026-01-05T10:05:00", 2))
    silver = to_silver(bronze_rows(spark, rows).repartition(3))
    assert {r["value"] for r in silver.collect()} == {1.0}
    assert silver.count() == 40


def test_drops_malformed_and_incomplete_records(spark):
    bronze = bronze_rows(
        spark,
        [
            (event("ok"), 1, "2026-01-05T10:00:01"),
            ("{not json", 2, "2026-01-05T10:00:01"),
            ("[1, 2, 3]", 3, "2026-01-05T10:00:01"),
            ('"just a string"', 4, "2026-01-05T10:00:01"),
            (None, 5, "2026-01-05T10:00:01"),  # a tombstone: key without value
            ("", 6, "2026-01-05T10:00:01"),
            (event("no-type", event_type=OMIT), 7, "2026-01-05T10:00:01"),
            (event("blank-type", event_type="   "), 8, "2026-01-05T10:00:01"),
            (event(event_id=OMIT), 9, "2026-01-05T10:00:01"),
            (event(event_id=""), 10, "2026-01-05T10:00:01"),
            (event(event_id="  "), 11, "2026-01-05T10:00:01"),
            (event("no-time", occurred_at=OMIT), 12, "2026-01-05T10:00:01"),
            (event("bad-time", occurred_at="yesterday"), 13, "2026-01-05T10:00:01"),
        ],
    )
    assert [r["event_id"] for r in collect(to_silver(bronze), "event_id")] == ["ok"]


def test_a_field_of_the_wrong_type_is_null_and_the_event_stays(spark):
    # Spark 3.5 keeps the fields that parse (partial results): a value that is not a number is
    # unknown, the event is still counted.
    bronze = bronze_rows(spark, [(event("e1", value="a lot"), 1, "2026-01-05T10:00:01"), (event("e2", value="3.5"), 2, "2026-01-05T10:00:01")])
    rows = collect(to_silver(bronze), "event_id")
    assert [(r["event_id"], r["value"]) for r in rows] == [("e1", None), ("e2", None)]


def test_optional_fields_may_be_missing_and_unknown_fields_are_ignored(spark):
    bronze = bronze_rows(spark, [(event("e1", user_id=OMIT, value=OMIT, source="mobile"), 1, "2026-01-05T10:00:01")])
    [row] = collect(to_silver(bronze), "event_id")
    assert row["user_id"] is None and row["value"] is None
    assert "source" not in row


def test_a_late_event_keeps_its_own_event_date(spark):
    # Delivered two days after it happened (a device that was offline).
    bronze = bronze_rows(spark, [(event("late", occurred_at="2026-01-03T08:00:00Z"), 1, "2026-01-05T10:00:00")])
    [row] = collect(to_silver(bronze), "event_id")
    assert row["event_date"] == datetime.date(2026, 1, 3)
    assert row["kafka_timestamp"].date() == datetime.date(2026, 1, 5)


def test_empty_bronze_gives_an_empty_silver_table_with_the_schema(spark, tmp_path):
    empty = bronze_rows(spark, [])
    silver = to_silver(empty)
    assert silver.count() == 0
    table = str(tmp_path / "silver")
    write_silver(silver, table)
    back = spark.read.format("delta").load(table)
    assert back.count() == 0
    assert sorted(f.name for f in back.schema.fields) == sorted(f.name for f in SILVER_SCHEMA.fields)


def test_rerunning_overwrites_silver_with_the_same_rows(spark, tmp_path):
    bronze = bronze_rows(
        spark,
        [
            (event("e1", occurred_at="2026-01-04T10:00:00Z"), 1, "2026-01-05T10:00:01"),
            (event("e1", occurred_at="2026-01-04T10:00:00Z"), 2, "2026-01-05T10:00:02"),
            (event("e2"), 3, "2026-01-05T10:00:03"),
        ],
    )
    table = str(tmp_path / "silver")
    write_silver(to_silver(bronze), table)
    first = collect(spark.read.format("delta").load(table), "event_id")
    write_silver(to_silver(bronze), table)
    again = spark.read.format("delta").load(table)
    assert collect(again, "event_id") == first
    assert [r["event_id"] for r in first] == ["e1", "e2"]
    # Partitioned by event_date, as gold and the notebooks expect.
    detail = spark.sql(f"DESCRIBE DETAIL delta.`{table}`").collect()[0]
    assert detail["partitionColumns"] == ["event_date"]


def test_to_silver_reads_only_the_bronze_contract(spark):
    # A column added to bronze later does not reach silver by accident.
    bronze = bronze_rows(spark, [(event(), 1, "2026-01-05T10:00:01")]).withColumn("extra", F.lit("x"))
    assert to_silver(bronze).columns == [f.name for f in SILVER_SCHEMA.fields]
