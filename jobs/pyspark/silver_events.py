"""silver-events: bronze events -> silver: typed columns, filtered, de-duplicated.

A batch job that recomputes silver from the whole bronze table and overwrites it, so every run
(and every backfill) gives the same result for the same bronze data.
Payload contract (JSON in the Kafka value): event_id, event_type, user_id, value, occurred_at.
"""
import sys

from pyspark.sql import Window
from pyspark.sql import functions as F
from pyspark.sql.types import DoubleType, StringType, StructField, StructType, TimestampType

from datalab_job import Job

PAYLOAD = StructType(
    [
        StructField("event_id", StringType()),
        StructField("event_type", StringType()),
        StructField("user_id", StringType()),
        StructField("value", DoubleType()),
        StructField("occurred_at", TimestampType()),
    ]
)

job = Job.from_env()
spark = job.spark()

bronze = job.read_delta(spark, "events")
if bronze is None:
    # Nothing upstream yet (e.g. the first deploy on an empty topic): succeed, the next run picks it up.
    spark.stop()
    sys.exit(0)

parsed = bronze.select(F.from_json("value", PAYLOAD).alias("e"), "kafka_timestamp", "ingested_at").select(
    "e.*", "kafka_timestamp", "ingested_at"
)

valid = parsed.where(
    F.col("event_id").isNotNull()
    & F.col("event_type").isNotNull()
    & (F.length(F.trim("event_type")) > 0)
    & F.col("occurred_at").isNotNull()
)

# Keep the first delivery of each event (Kafka is at-least-once; backfills re-ingest).
first = Window.partitionBy("event_id").orderBy(F.col("kafka_timestamp").asc(), F.col("ingested_at").asc())
silver = (
    valid.withColumn("_rank", F.row_number().over(first))
    .where(F.col("_rank") == 1)
    .drop("_rank")
    .withColumn("event_type", F.lower(F.trim("event_type")))
    .withColumn("event_date", F.to_date("occurred_at"))
)

(
    silver.write.format("delta")
    .mode("overwrite")
    .option("overwriteSchema", "true")
    .partitionBy("event_date")
    .save(job.output("table"))
)
spark.stop()
