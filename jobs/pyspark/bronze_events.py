"""bronze-events: Kafka topic -> bronze Delta table (raw value + Kafka metadata).

Structured Streaming with trigger(availableNow=True): reads everything not yet processed
(per the checkpoint), writes it, and stops, so the job container exits and the deploy moves on.
Backfill (processing.jobs.bronze-events.backfill: true) starts a fresh checkpoint for the run id
and reads the topic from the earliest retained offset; duplicates this creates in bronze are
removed by silver-events (de-duplication by event_id).

The transformation (to_bronze) and the streaming write (start_bronze_write) take DataFrames, so
jobs/pyspark/tests runs them on a file stream with the Kafka source's schema.
"""
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from datalab_job import Job


def bronze_checkpoint(checkpoint: str, backfill: bool, run_id: str) -> str:
    """The checkpoint of this run: a backfill starts its own, so the topic is read from the start."""
    return f"{checkpoint}backfill-{run_id}/" if backfill else checkpoint


def to_bronze(raw: DataFrame, run_id: str) -> DataFrame:
    """Kafka source rows (key, value: binary; topic, partition, offset, timestamp) -> bronze rows."""
    return raw.select(
        F.col("key").cast("string").alias("key"),
        F.col("value").cast("string").alias("value"),
        "topic",
        "partition",
        "offset",
        F.col("timestamp").alias("kafka_timestamp"),
        F.current_timestamp().alias("ingested_at"),
        F.lit(run_id).alias("run_id"),
        F.to_date("timestamp").alias("ingest_date"),
    )


def start_bronze_write(bronze: DataFrame, table: str, checkpoint: str):
    """Appends a streaming bronze DataFrame to the Delta table until the input is drained."""
    return (
        bronze.writeStream.format("delta")
        .outputMode("append")
        .option("checkpointLocation", checkpoint)
        .partitionBy("ingest_date")
        .trigger(availableNow=True)
        .start(table)
    )


def main():
    job = Job.from_env()
    spark = job.spark()
    raw = (
        spark.readStream.format("kafka")
        .option("kafka.bootstrap.servers", job.kafka_bootstrap)
        .option("subscribe", job.input("events"))
        .option("startingOffsets", "earliest")
        # Retention may have deleted offsets the checkpoint remembers; continue instead of failing.
        .option("failOnDataLoss", "false")
        .load()
    )
    checkpoint = bronze_checkpoint(job.output("checkpoint"), job.backfill, job.run_id)
    query = start_bronze_write(to_bronze(raw, job.run_id), job.output("table"), checkpoint)
    query.awaitTermination()
    spark.stop()


if __name__ == "__main__":
    main()
