"""train-model: the regression on gold rows, its JSON model, and the MLflow calls (a real HTTP server)."""
import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from train_model import Mlflow, MlflowError, log_training, model_document, predict, train

GOLD = "event_date date, event_type string, events long, distinct_users long, value_sum double, last_event_at timestamp"


def gold(spark, rows):
    return spark.createDataFrame([(datetime.date.fromisoformat(d), t, n, 1, 1.0, None) for d, t, n in rows], GOLD)


def two_weeks(spark):
    # clicks: 100 on weekdays, 40 at weekends; views: 30 fewer (the model is additive).
    rows = []
    for day in range(5, 19):
        d = datetime.date(2026, 1, day)
        n = 40 if d.weekday() >= 5 else 100
        rows += [(d.isoformat(), "click", n), (d.isoformat(), "view", n - 30)]
    return gold(spark, rows)


def test_learns_the_counts_per_type_and_weekday(spark):
    model, metrics = train(two_weeks(spark))
    assert metrics["training_rows"] == 28.0
    assert metrics["r2"] > 0.99
    assert metrics["rmse"] < 2


def test_the_json_model_predicts_what_the_spark_model_predicts(spark):
    data = two_weeks(spark)
    model, metrics = train(data)
    doc = json.loads(json.dumps(model_document(model, metrics)))
    assert doc["event_types"] == ["click", "view"] and doc["format"] == "datalab-linear-v1"
    for row in model.transform(data.selectExpr("event_type", "dayofweek(event_date) as weekday", "cast(events as double) as label")).collect():
        assert predict(doc, row.event_type, row.weekday) == pytest.approx(row.prediction, abs=1e-6)
    # Monday clicks are far more than Saturday views.
    assert predict(doc, "click", 2) > 90 > 20 > predict(doc, "view", 7)


def test_refuses_to_train_on_an_empty_gold_table(spark):
    with pytest.raises(ValueError, match="no rows"):
        train(gold(spark, []))


class FakeMlflow(BaseHTTPRequestHandler):
    """The MLflow REST endpoints the job calls, recording each request."""

    calls = []
    fail_register = False

    def _reply(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        FakeMlflow.calls.append(("GET", self.path, None))
        if self.path.startswith("/api/2.0/mlflow/experiments/get-by-name"):
            self._reply(404, {"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "no experiment"})

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeMlflow.calls.append(("POST", self.path, body))
        routes = {
            "/api/2.0/mlflow/experiments/create": {"experiment_id": "7"},
            "/api/2.0/mlflow/runs/create": {"run": {"info": {"run_id": "r1", "artifact_uri": "mlflow-artifacts:/7/r1/artifacts"}}},
            "/api/2.0/mlflow/runs/log-batch": {},
            "/api/2.0/mlflow/runs/update": {},
            "/api/2.0/mlflow/model-versions/create": {"model_version": {"name": "event-counts-forecast", "version": "3"}},
        }
        if self.path == "/api/2.0/mlflow/registered-models/create":
            self._reply(400, {"error_code": "RESOURCE_ALREADY_EXISTS", "message": "exists"})
        elif self.path == "/api/2.0/mlflow/model-versions/create" and FakeMlflow.fail_register:
            self._reply(500, {"error_code": "INTERNAL_ERROR", "message": "boom"})
        else:
            self._reply(200, routes[self.path])

    def do_PUT(self):
        FakeMlflow.calls.append(("PUT", self.path, self.rfile.read(int(self.headers["Content-Length"]))))
        self._reply(200, {})

    def log_message(self, *args):
        pass


@pytest.fixture
def mlflow_server():
    FakeMlflow.calls = []
    FakeMlflow.fail_register = False
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeMlflow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_logs_params_metrics_and_the_model_then_registers_a_version(tmp_path, mlflow_server):
    (tmp_path / "model.json").write_text('{"format": "datalab-linear-v1"}')
    run_id, version = log_training(Mlflow(mlflow_server), str(tmp_path), {"rmse": 1.5, "r2": 0.9}, "train-model-1", {"datalab.job": "train-model"})
    assert (run_id, version["version"]) == ("r1", "3")
    paths = [(m, p) for m, p, _ in FakeMlflow.calls]
    assert paths == [
        ("GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=datalab-event-counts"),
        ("POST", "/api/2.0/mlflow/experiments/create"),
        ("POST", "/api/2.0/mlflow/runs/create"),
        ("POST", "/api/2.0/mlflow/runs/log-batch"),
        ("PUT", "/api/2.0/mlflow-artifacts/artifacts/7/r1/artifacts/model/model.json"),
        ("POST", "/api/2.0/mlflow/registered-models/create"),
        ("POST", "/api/2.0/mlflow/model-versions/create"),
        ("POST", "/api/2.0/mlflow/runs/update"),
    ]
    body = {p: b for _, p, b in FakeMlflow.calls}
    batch = body["/api/2.0/mlflow/runs/log-batch"]
    assert {m["key"]: m["value"] for m in batch["metrics"]} == {"rmse": 1.5, "r2": 0.9}
    assert {p["key"] for p in batch["params"]} == {"algorithm", "reg_param", "elastic_net_param", "max_iter", "features"}
    assert body["/api/2.0/mlflow/model-versions/create"] == {"name": "event-counts-forecast", "source": "mlflow-artifacts:/7/r1/artifacts/model", "run_id": "r1"}
    assert body["/api/2.0/mlflow/runs/update"]["status"] == "FINISHED"
    assert body["/api/2.0/mlflow-artifacts/artifacts/7/r1/artifacts/model/model.json"] == b'{"format": "datalab-linear-v1"}'


def test_a_failed_registration_marks_the_run_failed_and_raises(tmp_path, mlflow_server):
    (tmp_path / "model.json").write_text("{}")
    FakeMlflow.fail_register = True
    with pytest.raises(MlflowError, match="HTTP 500"):
        log_training(Mlflow(mlflow_server), str(tmp_path), {"rmse": 1.0}, "r", {})
    assert FakeMlflow.calls[-1][1] == "/api/2.0/mlflow/runs/update" and FakeMlflow.calls[-1][2]["status"] == "FAILED"
