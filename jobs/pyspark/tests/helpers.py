"""Hand-made rows for the job tests: Kafka source rows, bronze rows, event payloads."""
import json
from datetime import datetime, timezone

from pyspark.sql.types import (
    BinaryType,
    DateType,
    DoubleType,
    IntegerType,
    LongType,
    StringType,
    StructField,
    StructType,
    TimestampType,
)

# What spark.readStream.format("kafka").load() returns (Spark's Kafka source schema).
KAFKA_SCHEMA = StructType(
    [
        StructField("key", BinaryType()),
        StructField("value", BinaryType()),
        StructField("topic", StringType()),
        StructField("partition", IntegerType()),
        StructField("offset", LongType()),
        StructField("timestamp", TimestampType()),
        StructField("timestampType", IntegerType()),
    ]
)

# The bronze table's contract (what silver reads).
BRONZE_SCHEMA = StructType(
    [
        StructField("key", StringType()),
        StructField("value", StringType()),
        StructField("topic", StringType()),
        StructField("partition", IntegerType()),
        StructField("offset", LongType()),
        StructField("kafka_timestamp", TimestampType()),
        StructField("ingested_at", TimestampType(), False),
        StructField("run_id", StringType(), False),
        StructField("ingest_date", DateType()),
    ]
)

SILVER_SCHEMA = StructType(
    [
        StructField("event_id", StringType()),
        StructField("event_type", StringType()),
        StructField("user_id", StringType()),
        StructField("value", DoubleType()),
        StructField("occurred_at", TimestampType()),
        StructField("kafka_timestamp", TimestampType()),
        StructField("ingested_at", TimestampType()),
        StructField("event_date", DateType()),
    ]
)

_OMIT = object()


def ts(text):
    """A UTC datetime from `2026-01-05T10:00:00`."""
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def event(event_id="e1", event_type="click", user_id="u1", value=1.0, occurred_at="2026-01-05T10:00:00Z", **extra):
    """A payload as producers send it: JSON text. A field given as OMIT is left out."""
    fields = dict(event_id=event_id, event_type=event_type, user_id=user_id, value=value, occurred_at=occurred_at, **extra)
    return json.dumps({k: v for k, v in fields.items() if v is not _OMIT})


OMIT = _OMIT


def kafka_rows(spark, rows):
    """Kafka source rows from (value text, offset, timestamp text[, key[, partition]]) tuples."""
    data = []
    for r in rows:
        value, offset, when = r[0], r[1], r[2]
        key = r[3] if len(r) > 3 else None
        partition = r[4] if len(r) > 4 else 0
        data.append(
            (
                None if key is None else key.encode(),
                None if value is None else value.encode(),
                "events",
                partition,
                offset,
                ts(when),
                0,
            )
        )
    return spark.createDataFrame(data, KAFKA_SCHEMA)


def bronze_rows(spark, rows):
    """Bronze rows from (value, offset, kafka timestamp[, ingested at[, partition]]) tuples."""
    data = []
    for r in rows:
        value, offset, kafka_ts = r[0], r[1], ts(r[2])
        ingested = ts(r[3]) if len(r) > 3 and r[3] else kafka_ts
        partition = r[4] if len(r) > 4 else 0
        data.append((None, value, "events", partition, offset, kafka_ts, ingested, "1", kafka_ts.date()))
    return spark.createDataFrame(data, BRONZE_SCHEMA)


def collect(df, *order):
    """Rows as dicts, sorted by the given columns."""
    return [r.asDict() for r in df.orderBy(*order).collect()]
