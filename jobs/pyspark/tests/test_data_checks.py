"""data-checks: each check on real Delta tables, the alert messages and the metrics text."""
import datetime
import json

from data_checks import alert_messages, check_table, metrics_text, write_metrics

COLUMNS = {"event_id": "string", "event_type": "string", "event_date": "date"}
NOW = datetime.datetime.now(datetime.timezone.utc)


def table(spark, path, rows, schema="event_id string, event_type string, event_date date"):
    spark.createDataFrame(rows, schema).write.format("delta").mode("overwrite").option("overwriteSchema", "true").save(path)
    return path


def expect(**bounds):
    return {"columns": COLUMNS, "keyColumns": ["event_id", "event_type"], "maxAgeHours": None, "minRows": None, "maxNullRate": None, **bounds}


def test_a_table_that_meets_its_contract_passes_every_check(spark, tmp_path):
    path = table(spark, str(tmp_path / "t"), [("e1", "click", datetime.date(2026, 1, 1)), ("e2", "view", None)])
    outcomes, failures = check_table(spark, "silver_events", path, expect(maxAgeHours=1, minRows=2, maxNullRate=0.0), NOW)
    assert outcomes == {"exists": True, "schema": True, "freshness": True, "rows": True, "nulls": True}
    assert failures == []


def test_schema_drift_names_missing_unexpected_and_retyped_columns(spark, tmp_path):
    path = table(spark, str(tmp_path / "t"), [("e1", 5, "x")], "event_id string, event_type int, extra string")
    outcomes, failures = check_table(spark, "silver_events", path, expect(), NOW)
    assert outcomes["schema"] is False
    assert failures == [{
        "table": "silver_events", "check": "schema",
        "message": "schema drift: missing event_date; unexpected extra; event_type is int not string",
        "missing": ["event_date"], "unexpected": ["extra"], "retyped": ["event_type"],
    }]


def test_a_stale_table_fails_freshness(spark, tmp_path):
    path = table(spark, str(tmp_path / "t"), [("e1", "click", None)])
    later = NOW + datetime.timedelta(hours=30)
    outcomes, failures = check_table(spark, "gold_event_counts", path, expect(maxAgeHours=26), later)
    assert outcomes["freshness"] is False
    assert failures[0]["check"] == "freshness" and failures[0]["ageHours"] >= 29.9


def test_too_few_rows_and_too_many_nulls_fail(spark, tmp_path):
    path = table(spark, str(tmp_path / "t"), [("e1", None, None), (None, None, None), ("e3", "click", None)])
    outcomes, failures = check_table(spark, "silver_events", path, expect(minRows=10, maxNullRate=0.4), NOW)
    assert (outcomes["rows"], outcomes["nulls"]) == (False, False)
    by_check = {f["check"]: f for f in failures}
    assert by_check["rows"]["message"] == "3 rows, at least 10 expected"
    # event_id: 1 of 3 null (0.333, allowed); event_type: 2 of 3 (0.667, not).
    assert by_check["nulls"]["columns"] == {"event_type": 2 / 3}


def test_a_missing_table_is_a_failure(spark, tmp_path):
    outcomes, failures = check_table(spark, "gold_event_counts", str(tmp_path / "none"), expect(), NOW)
    assert outcomes == {"exists": False}
    assert failures[0]["check"] == "exists"


def test_each_failure_is_one_json_alert_keyed_by_table_and_check():
    at = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    msgs = alert_messages([{"table": "gold_event_counts", "check": "freshness", "message": "old"}], "data-checks", "1", at)
    assert [k for k, _ in msgs] == ["gold_event_counts/freshness"]
    assert json.loads(msgs[0][1]) == {"source": "data-checks", "run": "1", "at": "2026-01-01T00:00:00+00:00", "severity": "error", "table": "gold_event_counts", "check": "freshness", "message": "old"}


def test_metrics_say_per_table_and_check_whether_it_failed(tmp_path):
    at = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    text = metrics_text({"gold_event_counts": {"exists": True, "freshness": False}}, at)
    assert 'datalab_data_check_failed{table="gold_event_counts",check="freshness"} 1' in text.splitlines()
    assert 'datalab_data_check_failed{table="gold_event_counts",check="exists"} 0' in text.splitlines()
    assert "datalab_data_checks_last_run_timestamp_seconds 1767225600" in text.splitlines()
    write_metrics(str(tmp_path / "m"), text)
    assert (tmp_path / "m" / "data-checks.prom").read_text() == text
    assert [p.name for p in (tmp_path / "m").iterdir()] == ["data-checks.prom"]
