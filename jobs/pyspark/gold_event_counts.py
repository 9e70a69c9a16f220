"""gold-event-counts: silver events -> gold daily aggregates per event type.

A batch job that recomputes the aggregate from silver and overwrites it (idempotent).
"""
import sys

from pyspark.sql import functions as F

from datalab_job import Job

job = Job.from_env()
spark = job.spark()

silver = job.read_delta(spark, "events")
if silver is None:
    # Nothing upstream yet (e.g. the first deploy on an empty topic): succeed, the next run picks it up.
    spark.stop()
    sys.exit(0)

daily = silver.groupBy("event_date", "event_type").agg(
    F.count("*").alias("events"),
    F.countDistinct("user_id").alias("distinct_users"),
    F.sum("value").alias("value_sum"),
    F.max("occurred_at").alias("last_event_at"),
)

(
    daily.write.format("delta")
    .mode("overwrite")
    .option("overwriteSchema", "true")
    .partitionBy("event_date")
    .save(job.output("table"))
)
spark.stop()
