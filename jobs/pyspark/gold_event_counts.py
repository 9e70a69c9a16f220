"""gold-event-counts: silver events -> gold daily aggregates per event type.

A batch job that recomputes the aggregate from silver and overwrites it (idempotent).
"""
from pyspark.sql import functions as F

from datalab_job import Job

job = Job.from_env()
spark = job.spark()

silver = spark.read.format("delta").load(job.input("events"))

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
