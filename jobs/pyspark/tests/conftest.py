"""One local SparkSession with Delta for the whole test session (npm run test:jobs).

The Delta jars come from DATALAB_TEST_JARS (fetched with Maven by scripts/test-jobs.ts) through
spark.jars: Spark resolves nothing (no spark.jars.packages, no Ivy) while the tests run.
"""
import os
import sys

import pytest

# The jobs import each other as top-level modules (`from datalab_job import Job`), as in the image.
JOBS_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
if JOBS_DIR not in sys.path:
    sys.path.insert(0, JOBS_DIR)


@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    from pyspark.sql import SparkSession

    jars = os.environ.get("DATALAB_TEST_JARS")
    if not jars:
        pytest.exit("DATALAB_TEST_JARS is not set: run the tests with `npm run test:jobs`", returncode=2)
    warehouse = tmp_path_factory.mktemp("warehouse")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("datalab-jobs-tests")
        .config("spark.jars", jars)
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        # Small data: few shuffle partitions keep each test fast.
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.default.parallelism", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        # The platform's containers run in UTC; dates derived from timestamps depend on it.
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.warehouse.dir", str(warehouse))
        .config("spark.databricks.delta.snapshotPartitions", "1")
        .config("spark.sql.codegen.wholeStage", "false")
        .config("spark.sql.adaptive.enabled", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()

