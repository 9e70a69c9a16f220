"""gold-event-counts: the daily aggregates per event type, late events, an empty silver table."""
import datetime

from pyspark.sql.types import DateType, DoubleType, LongType, StringType, StructField, StructType, TimestampType

from gold_event_counts import to_gold, write_gold
from helpers import SILVER_SCHEMA, collect, ts

GOLD_SCHEMA = StructType(
    [
        StructField("event_date", DateType()),
        StructField("event_type", StringType()),
        StructField("events", LongType(), False),
        StructField("distinct_users", LongType(), False),
        StructField("value_sum", DoubleType()),
        StructField("last_event_at", TimestampType()),
    ]
)


def silver_rows(spark, rows):
    """Silver rows from (event_id, event_type, user_id, value, occurred_at) tuples."""
    data = []
    for event_id, event_type, user_id, value, occurred in rows:
        at = ts(occurred)
        data.append((event_id, event_type, user_id, value, at, at, at, at.date()))
    return spark.createDataFrame(data, SILVER_SCHEMA)


def test_gold_schema(spark):
    gold = to_gold(silver_rows(spark, [("e1", "click", "u1", 1.0, "2026-01-05T10:00:00")]))
    assert gold.schema == GOLD_SCHEMA


def test_counts_events_distinct_users_value_sum_and_last_time_per_day_and_type(spark):
    silver = silver_rows(
        spark,
        [
            ("e1", "click", "u1", 1.0, "2026-01-05T10:00:00"),
            ("e2", "click", "u1", 2.5, "2026-01-05T11:00:00"),
            ("e3", "click", "u2", None, "2026-01-05T23:59:59"),
            ("e4", "click", None, 4.0, "2026-01-05T12:00:00"),  # an anonymous event: counted, no user
            ("e5", "view", "u1", 1.0, "2026-01-05T09:00:00"),
            ("e6", "click", "u3", 1.0, "2026-01-06T00:00:00"),
        ],
    )
    rows = collect(to_gold(silver), "event_date", "event_type")
    assert rows == [
        dict(event_date=datetime.date(2026, 1, 5), event_type="click", events=4, distinct_users=2, value_sum=7.5, last_event_at=datetime.datetime(2026, 1, 5, 23, 59, 59)),
        dict(event_date=datetime.date(2026, 1, 5), event_type="view", events=1, distinct_users=1, value_sum=1.0, last_event_at=datetime.datetime(2026, 1, 5, 9, 0)),
        dict(event_date=datetime.date(2026, 1, 6), event_type="click", events=1, distinct_users=1, value_sum=1.0, last_event_at=datetime.datetime(2026, 1, 6, 0, 0)),
    ]


def test_a_group_without_any_value_has_no_value_sum(spark):
    # SQL semantics: the sum of unknown values is unknown (null), not 0.
    rows = collect(to_gold(silver_rows(spark, [("e1", "ping", "u1", None, "2026-01-05T10:00:00")])), "event_type")
    assert rows[0]["value_sum"] is None and rows[0]["events"] == 1


def test_a_late_event_lands_in_the_day_it_happened(spark, tmp_path):
    table = str(tmp_path / "gold")
    on_time = [("e1", "click", "u1", 1.0, "2026-01-05T10:00:00")]
    write_gold(to_gold(silver_rows(spark, on_time)), table)
    # The next run's silver has a late event for the 3rd; gold is recomputed and overwritten.
    late = on_time + [("e0", "click", "u9", 5.0, "2026-01-03T08:00:00")]
    write_gold(to_gold(silver_rows(spark, late)), table)
    rows = collect(spark.read.format("delta").load(table), "event_date")
    assert [(r["event_date"], r["events"], r["value_sum"]) for r in rows] == [(datetime.date(2026, 1, 3), 1, 5.0), (datetime.date(2026, 1, 5), 1, 1.0)]


def test_empty_silver_gives_an_empty_gold_table(spark, tmp_path):
    table = str(tmp_path / "gold")
    write_gold(to_gold(silver_rows(spark, [])), table)
    back = spark.read.format("delta").load(table)
    assert back.count() == 0
    assert [f.name for f in back.schema.fields] == [f.name for f in GOLD_SCHEMA.fields]
