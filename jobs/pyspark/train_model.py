"""train-model: gold daily counts -> a small regression -> an MLflow run and a registered model version.

The model predicts a day's event count of an event type from the type and the weekday (Spark ML:
one-hot encoded type and weekday, linear regression). Everything about the run goes to MLflow
(DATALAB_JOB services.mlflow) through its REST API with the standard library only, so the Spark
image needs no MLflow client:
  parameters (algorithm, regularisation, features), metrics (rmse, mae, r2 and rows on the training
  rows), the model (under the run's artifacts "model/": model.json with the type labels, weekday
  and coefficients, written by the driver; Spark ML's own save would write through the executors
  onto the workers' disks), uploaded through MLflow's artifact proxy, which keeps them in the
  mlflow bucket; then a new version of the registered model pointing at them.
The job itself reads gold only. Without gold rows it fails: a model trained on nothing is not a version.
"""
import json
import os
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from pyspark.ml import Pipeline
from pyspark.ml.evaluation import RegressionEvaluator
from pyspark.ml.feature import OneHotEncoder, StringIndexer, VectorAssembler
from pyspark.ml.regression import LinearRegression
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from datalab_job import Job

EXPERIMENT = "datalab-event-counts"
REGISTERED_MODEL = "event-counts-forecast"
PARAMS = {"algorithm": "linear_regression", "reg_param": 0.1, "elastic_net_param": 0.0, "max_iter": 50, "features": "event_type,weekday"}


def features(gold: DataFrame) -> DataFrame:
    """One row per (event_date, event_type): the weekday (1 = Sunday) and the label, events."""
    return gold.select(
        F.col("event_type").cast("string").alias("event_type"),
        F.dayofweek("event_date").alias("weekday"),
        F.col("events").cast("double").alias("label"),
    ).where(F.col("event_type").isNotNull())


def train(gold: DataFrame):
    """Fits the model; returns (model, metrics)."""
    data = features(gold).cache()
    rows = data.count()
    if rows == 0:
        raise ValueError("gold has no rows to train on")
    pipeline = Pipeline(
        stages=[
            StringIndexer(inputCol="event_type", outputCol="type_index", handleInvalid="keep"),
            OneHotEncoder(inputCols=["type_index", "weekday"], outputCols=["type_vec", "weekday_vec"]),
            VectorAssembler(inputCols=["type_vec", "weekday_vec"], outputCol="features"),
            LinearRegression(regParam=PARAMS["reg_param"], elasticNetParam=PARAMS["elastic_net_param"], maxIter=PARAMS["max_iter"]),
        ]
    )
    model = pipeline.fit(data)
    predicted = model.transform(data)
    metrics = {m: RegressionEvaluator(metricName=m).evaluate(predicted) for m in ("rmse", "mae", "r2")}
    metrics["training_rows"] = float(rows)
    data.unpersist()
    return model, metrics


class MlflowError(Exception):
    pass


class Mlflow:
    """The few MLflow REST calls a training run needs (API 2.0, artifact proxy)."""

    def __init__(self, url, timeout=60):
        self.url = url.rstrip("/")
        self.timeout = timeout

    def _call(self, method, path, body=None, data=None, ok_codes=()):
        headers = {}
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        req = urllib.request.Request(f"{self.url}{path}", data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as r:
                text = r.read().decode() or "{}"
                return json.loads(text) if text.strip().startswith("{") else {}
        except urllib.error.HTTPError as e:
            detail = e.read().decode(errors="replace")
            try:
                code = json.loads(detail).get("error_code")
            except ValueError:
                code = None
            if code in ok_codes:
                return {"error_code": code}
            raise MlflowError(f"MLflow {method} {path} answered HTTP {e.code}: {detail[:500]}") from None

    def experiment_id(self, name):
        got = self._call("GET", "/api/2.0/mlflow/experiments/get-by-name?" + urllib.parse.urlencode({"experiment_name": name}), ok_codes=("RESOURCE_DOES_NOT_EXIST",))
        if "experiment" in got:
            return got["experiment"]["experiment_id"]
        return self._call("POST", "/api/2.0/mlflow/experiments/create", {"name": name})["experiment_id"]

    def start_run(self, experiment_id, run_name, tags):
        body = {"experiment_id": experiment_id, "run_name": run_name, "start_time": int(time.time() * 1000), "tags": [{"key": k, "value": v} for k, v in tags.items()]}
        return self._call("POST", "/api/2.0/mlflow/runs/create", body)["run"]["info"]

    def log_batch(self, run_id, params, metrics):
        now = int(time.time() * 1000)
        self._call(
            "POST",
            "/api/2.0/mlflow/runs/log-batch",
            {
                "run_id": run_id,
                "params": [{"key": k, "value": str(v)} for k, v in params.items()],
                "metrics": [{"key": k, "value": float(v), "timestamp": now, "step": 0} for k, v in metrics.items()],
            },
        )

    def upload_dir(self, artifact_uri, local_dir, under):
        """Uploads every file of `local_dir` below the run's artifacts at `under/`; returns the count."""
        if not artifact_uri.startswith("mlflow-artifacts:/"):
            raise MlflowError(f"the run's artifact location is {artifact_uri}; expected the artifact proxy (mlflow server --serve-artifacts)")
        base = artifact_uri[len("mlflow-artifacts:/"):].strip("/")
        count = 0
        for root, _, files in os.walk(local_dir):
            for f in sorted(files):
                if f.endswith(".crc"):
                    continue
                full = os.path.join(root, f)
                rel = os.path.relpath(full, local_dir).replace(os.sep, "/")
                with open(full, "rb") as fh:
                    self._call("PUT", f"/api/2.0/mlflow-artifacts/artifacts/{base}/{under}/{urllib.parse.quote(rel)}", data=fh.read())
                count += 1
        return count

    def end_run(self, run_id, status):
        self._call("POST", "/api/2.0/mlflow/runs/update", {"run_id": run_id, "status": status, "end_time": int(time.time() * 1000)})

    def register(self, name, source, run_id):
        self._call("POST", "/api/2.0/mlflow/registered-models/create", {"name": name}, ok_codes=("RESOURCE_ALREADY_EXISTS",))
        return self._call("POST", "/api/2.0/mlflow/model-versions/create", {"name": name, "source": source, "run_id": run_id})["model_version"]


def model_document(model, metrics):
    """The fitted model as plain JSON: enough to predict without Spark (see `predict`)."""
    indexer, encoder, _, regression = model.stages
    return {
        "format": "datalab-linear-v1",
        "features": ["event_type (one-hot, last category dropped)", "weekday 1-7 (one-hot, last category dropped)"],
        "event_types": list(indexer.labels),
        "type_slots": int(encoder.categorySizes[0]),
        "weekday_slots": int(encoder.categorySizes[1]),
        "coefficients": [float(c) for c in regression.coefficients],
        "intercept": float(regression.intercept),
        "params": PARAMS,
        "metrics": metrics,
    }


def predict(doc, event_type, weekday):
    """A day's expected events from the JSON model (the regression's own arithmetic)."""
    types, ts, ws = doc["event_types"], doc["type_slots"], doc["weekday_slots"]
    x = [0.0] * (ts - 1 + ws - 1)
    i = types.index(event_type) if event_type in types else len(types)
    if i < ts - 1:
        x[i] = 1.0
    if weekday < ws - 1:
        x[ts - 1 + weekday] = 1.0
    return doc["intercept"] + sum(c * v for c, v in zip(doc["coefficients"], x))


def log_training(client, model_dir, metrics, run_name, tags):
    """Logs a trained model's run and registers it; returns (run_id, model version)."""
    info = client.start_run(client.experiment_id(EXPERIMENT), run_name, tags)
    run_id = info["run_id"]
    try:
        client.log_batch(run_id, PARAMS, metrics)
        files = client.upload_dir(info["artifact_uri"], model_dir, "model")
        if files == 0:
            raise MlflowError(f"the saved model at {model_dir} has no files")
        version = client.register(REGISTERED_MODEL, f"{info['artifact_uri'].rstrip('/')}/model", run_id)
    except Exception:
        client.end_run(run_id, "FAILED")
        raise
    client.end_run(run_id, "FINISHED")
    return run_id, version


def main():
    job = Job.from_env()
    spark = job.spark()
    gold = job.read_delta(spark, "counts")
    if gold is None:
        raise SystemExit(f"job {job.name}: gold has no table yet; run the medallion pipeline first")
    model, metrics = train(gold)
    print(f"job {job.name}: trained on {int(metrics['training_rows'])} rows: rmse {metrics['rmse']:.3f}, r2 {metrics['r2']:.3f}")
    with tempfile.TemporaryDirectory() as model_dir:
        with open(os.path.join(model_dir, "model.json"), "w") as f:
            json.dump(model_document(model, metrics), f, indent=2)
        client = Mlflow(job.spec["services"]["mlflow"])
        run_id, version = log_training(client, model_dir, metrics, f"{job.name}-{job.run_id}", {"datalab.job": job.name, "datalab.source": job.input("counts")})
    print(f"job {job.name}: MLflow run {run_id}; registered {REGISTERED_MODEL} version {version['version']}")
    spark.stop()


if __name__ == "__main__":
    main()
