"""gold-event-counts: silver events -> gold daily aggregates per event type.

A batch job that recomputes the aggregate from silver and overwrites it (idempotent).
to_gold is a function of the silver DataFrame (jobs/pyspark/tests runs it on hand-made rows).
"""
import sys

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from datalab_job import Job


def to_gold(silver: DataFrame) -> DataFrame:
    """Per event_date and event_type: events, distinct_users (users known), value_sum, last_event_at."""
    return silver.groupBy("event_date", "event_type").agg(
        F.count("*").alias("events"),
        F.countDistinct("user_id").alias("distinct_users"),
        F.sum("value").alias("value_sum"),
        F.max("occurred_at").alias("last_event_at"),
    )


def write_gold(gold: DataFrame, table: str) -> None:
    (
        gold.write.format("delta")
        .mode("overwrite")
        .option("overwriteSchema", "true")
        .partitionBy("event_date")
        .save(table)
    )


def main():
    job = Job.from_env()
    spark = job.spark()
    silver = job.read_delta(spark, "events")
    if silver is None:
        # Nothing upstream yet (e.g. the first deploy on an empty topic): succeed, the next run picks it up.
        spark.stop()
        sys.exit(0)
    write_gold(to_gold(silver), job.output("table"))
    spark.stop()


if __name__ == "__main__":
    main()
