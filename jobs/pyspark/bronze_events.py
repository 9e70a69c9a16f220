"""bronze-events: Kafka topic -> bronze Delta table (raw value + Kafka metadata).

Structured Streaming with trigger(availableNow=True): reads everything not yet processed
(per the checkpoint), writes it, and stops, so the job container exits and the deploy moves on.
Backfill (processing.jobs.bronze-events.backfill: true) starts a fresh checkpoint for the run id
and reads the topic from the earliest retained offset; duplicates this creates in bronze are
removed by silver-events (de-duplication by event_id).
"""
from pyspark.sql import functions as F

from datalab_job import Job

job = Job.from_env()
spark = job.spark()

checkpoint = job.output("checkpoint")
if job.backfill:
    checkpoint = f"{checkpoint}backfill-{job.run_id}/"

raw = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", job.kafka_bootstrap)
    .option("subscribe", job.input("events"))
    .option("startingOffsets", "earliest")
    # Retention may have deleted offsets the checkpoint remembers; continue instead of failing.
    .option("failOnDataLoss", "false")
    .load()
)

bronze = raw.select(
    F.col("key").cast("string").alias("key"),
    F.col("value").cast("string").alias("value"),
    "topic",
    "partition",
    "offset",
    F.col("timestamp").alias("kafka_timestamp"),
    F.current_timestamp().alias("ingested_at"),
    F.lit(job.run_id).alias("run_id"),
    F.to_date("timestamp").alias("ingest_date"),
)

query = (
    bronze.writeStream.format("delta")
    .outputMode("append")
    .option("checkpointLocation", checkpoint)
    .partitionBy("ingest_date")
    .trigger(availableNow=True)
    .start(job.output("table"))
)
query.awaitTermination()
spark.stop()
