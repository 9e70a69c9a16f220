"""gold-event-counts: silver events -> gold daily aggregates per event type.

A batch job that recomputes the aggregate from silver and overwrites it (idempotent).
to_gold is a function of the silver DataFrame (jobs/pyspark/tests runs it on hand-made rows).
"""
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from datalab_job import Job, overwrite_by_date


def to_gold(silver: DataFrame) -> DataFrame:
    """Per event_date and event_type: events, distinct_users (users known), value_sum, last_event_at."""
    return silver.groupBy("event_date", "event_type").agg(
        F.count("*").alias("events"),
        F.countDistinct("user_id").alias("distinct_users"),
        F.sum("value").alias("value_sum"),
        F.max("occurred_at").alias("last_event_at"),
    )


# The layer's write: its whole table replaced, partitioned by event_date.
write_gold = overwrite_by_date


def main():
    job = Job.from_env()
    # The names are spelled here, where the stack's synth-time check reads them (jobs/plan.ts).
    job.run_batch(lambda spark: job.read_delta(spark, "events"), to_gold, job.output("table"))


if __name__ == "__main__":
    main()
