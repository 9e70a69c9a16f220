"""datalab_job: the job spec from DATALAB_JOB, declared inputs/outputs, Delta inputs that do not exist yet."""
import json

import pytest

from datalab_job import Job
from helpers import bronze_rows, event

SPEC = {
    "name": "silver-events",
    "layer": "silver",
    "runId": "2026-01-05",
    "backfill": False,
    "trigger": "batch",
    "kafkaBootstrap": "kafka:9092",
    "inputs": {"events": {"kind": "lake", "uri": "s3a://bronze/events/"}, "raw": {"kind": "topic", "topic": "events"}},
    "outputs": {"table": {"kind": "lake", "uri": "s3a://silver/events/"}},
}


def test_reads_the_spec_the_stack_passes(monkeypatch):
    monkeypatch.setenv("DATALAB_JOB", json.dumps(SPEC))
    job = Job.from_env()
    assert (job.name, job.run_id, job.backfill, job.trigger, job.kafka_bootstrap) == ("silver-events", "2026-01-05", False, "batch", "kafka:9092")
    assert job.input("events") == "s3a://bronze/events/"
    assert job.input("raw") == "events"
    assert job.output("table") == "s3a://silver/events/"


def test_an_undeclared_name_names_the_declared_ones():
    job = Job(SPEC)
    with pytest.raises(KeyError, match=r"job silver-events: 'gold' is not declared in outputs \(table\)"):
        job.output("gold")
    with pytest.raises(KeyError, match=r"'table' is not declared in inputs \(events, raw\)"):
        job.input("table")


def _job(uri):
    return Job({**SPEC, "inputs": {"events": {"kind": "lake", "uri": uri}}})


def test_read_delta_is_none_while_the_input_does_not_exist(spark, tmp_path, capsys):
    assert _job(str(tmp_path / "nothing-here") + "/").read_delta(spark, "events") is None
    assert "has no Delta table yet" in capsys.readouterr().out


def test_read_delta_is_none_for_a_prefix_without_a_delta_log(spark, tmp_path):
    (tmp_path / "events" / "_checkpoint" / "offsets").mkdir(parents=True)
    assert _job(str(tmp_path / "events") + "/").read_delta(spark, "events") is None


def test_read_delta_reads_an_existing_table(spark, tmp_path):
    table = str(tmp_path / "events") + "/"
    bronze_rows(spark, [(event("e1"), 1, "2026-01-05T10:00:00")]).write.format("delta").save(table)
    df = _job(table).read_delta(spark, "events")
    assert df is not None and df.count() == 1


def test_read_delta_raises_other_analysis_errors(tmp_path):
    from pyspark.errors import AnalysisException

    class Reader:
        def format(self, _):
            return self

        def load(self, _):
            raise AnalysisException(message="[INSUFFICIENT_PERMISSIONS] access denied")

    class Spark:
        read = Reader()

    # Anything but "no table yet" (a permission problem, a corrupt log) must fail the job.
    with pytest.raises(AnalysisException, match="INSUFFICIENT_PERMISSIONS"):
        _job(str(tmp_path) + "/").read_delta(Spark(), "events")
