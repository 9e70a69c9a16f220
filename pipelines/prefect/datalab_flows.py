"""The Prefect flows of DataLab pipelines (docs/pipelines.md). Uploaded by the processing stack
into every pipeline worker at /opt/datalab/flows; the deployments that run them are declared by
the stack and applied by apply_deployments.py.

  run_job       one job: runs the job's spark-submit command line (DATALAB_SUBMIT, JSON) in the
                worker, which holds the job's code, conf and lake identity and nothing else; the
                flow run fails with the job's exit code and last error lines.
  run_pipeline  a pipeline: runs the job deployments of its steps one after another (each waits
                for the previous one to complete), a failed step retried `retries` times, the
                whole run bounded by `timeout_seconds` (a step still running then is cancelled).

Only the standard library and Prefect: the same file runs in the Spark-based job workers and in
the pipeline runner (the Prefect image).
"""
import json
import os
import subprocess
import time
from collections import deque

from prefect import flow, get_run_logger
from prefect.deployments import run_deployment


class StepFailed(Exception):
    pass


def _error_lines(lines, n=6):
    """The last `n` distinct lines that name an error or exception (stack frames left out)."""
    seen = []
    for line in lines:
        s = line.strip()
        if ("Error" in s or "Exception" in s) and not s.startswith("at ") and s not in seen:
            seen.append(s)
    return seen[-n:]


@flow(name="datalab-job", log_prints=True)
def run_job():
    """Runs this worker's job once; fails when it exits non-zero."""
    logger = get_run_logger()
    argv = json.loads(os.environ["DATALAB_SUBMIT"])
    logger.info("running %s", " ".join(argv))
    tail = deque(maxlen=400)
    started = time.monotonic()
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1) as p:
        for line in p.stdout:
            tail.append(line.rstrip("\n"))
            print(line.rstrip("\n"))
        code = p.wait()
    logger.info("exit code %s after %.1f s", code, time.monotonic() - started)
    if code != 0:
        # Its error lines; without any (a command that did not start), its last lines.
        said = _error_lines(tail) or [line.strip() for line in list(tail)[-3:] if line.strip()]
        raise StepFailed(f"job exited with code {code}; its errors: " + " | ".join(said))
    return code


def _final(flow_run):
    return flow_run.state.type.value if flow_run.state else "UNKNOWN"


@flow(name="datalab-pipeline", log_prints=True)
def run_pipeline(steps: list, retries: int = 0, retry_delay_seconds: int = 60, timeout_seconds: int = 3600):
    """Runs the job deployments `steps` ("datalab-job/<job>") in order; fails on the first step that
    fails after its retries, or when the whole run exceeds `timeout_seconds`."""
    logger = get_run_logger()
    deadline = time.monotonic() + timeout_seconds
    results = []
    for step in steps:
        for attempt in range(retries + 1):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise StepFailed(f"pipeline timed out after {timeout_seconds} s before step {step}")
            logger.info("step %s: attempt %d of %d", step, attempt + 1, retries + 1)
            run = run_deployment(name=step, timeout=remaining, as_subflow=True)
            state = _final(run)
            if state == "COMPLETED":
                results.append({"step": step, "flow_run": str(run.id), "attempts": attempt + 1})
                break
            if not run.state or not run.state.is_final():
                _cancel(run.id)
                raise StepFailed(f"step {step} still {state} when the pipeline's {timeout_seconds} s ran out; cancelled it")
            logger.warning("step %s ended %s (flow run %s)", step, state, run.id)
            if attempt < retries:
                time.sleep(min(retry_delay_seconds, max(0, deadline - time.monotonic())))
        else:
            raise StepFailed(f"step {step} failed after {retries + 1} attempt(s); later steps did not run")
    return results


def _cancel(flow_run_id):
    from prefect.client.orchestration import get_client
    from prefect.states import Cancelling

    with get_client(sync_client=True) as client:
        client.set_flow_run_state(flow_run_id, Cancelling(), force=True)
