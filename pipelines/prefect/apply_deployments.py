"""Applies the declared Prefect deployments of DataLab pipelines (docs/pipelines.md).

Prefect has no Terraform provider this project can build, so the processing stack synthesizes the
desired state as a file (deployments.json) and runs this script once per change of it, as a
one-shot container of the Prefect image (as stacks/seaweedfs-provision.sh does for the lake):

  1. waits for the Prefect API (PREFECT_API_URL);
  2. creates the work pools the deployments use (process type) when they are missing;
  3. creates or updates each declared deployment (flow, entrypoint, pool, parameters, tags) and
     replaces its schedules with the declared one (active or paused);
  4. deletes the deployments carrying the managed tag that are no longer declared.

Idempotent: a second run with the same file changes nothing a user would see. Exit 1 with one
line per problem when any step fails.
"""
import asyncio
import json
import os
import sys
import time
import urllib.request

from prefect.client.orchestration import get_client
from prefect.client.schemas.actions import DeploymentScheduleCreate, DeploymentUpdate, WorkPoolCreate
from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterTags
from prefect.client.schemas.schedules import CronSchedule
from prefect.exceptions import ObjectAlreadyExists, ObjectNotFound


def log(msg):
    print(f"pipeline-deployments: {msg}", flush=True)


def wait_for_api(url, seconds=180):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{url.rstrip('/')}/health", timeout=5) as r:
                if r.status == 200:
                    return
        except Exception as e:  # noqa: BLE001 - any failure means "not yet"
            last = e
        if time.monotonic() > deadline:
            raise SystemExit(f"pipeline-deployments: ERROR: the Prefect API at {url} did not answer within {seconds} s: {last}")
        time.sleep(2)


def schedule_of(d):
    s = d.get("schedule")
    if not s:
        return []
    return [DeploymentScheduleCreate(schedule=CronSchedule(cron=s["cron"], timezone=s["timezone"]), active=s["active"])]


async def apply(doc):
    managed = doc["managedTag"]
    async with get_client() as client:
        for pool in doc["workPools"]:
            # Create, and accept one that exists: a worker started in the same apply creates its
            # pool on start (`prefect worker start --pool`), so "read, then create if missing" races.
            try:
                await client.create_work_pool(WorkPoolCreate(name=pool, type="process"))
                log(f"created work pool {pool}")
            except ObjectAlreadyExists:
                existing = await client.read_work_pool(pool)
                if existing.type != "process":
                    raise SystemExit(f"pipeline-deployments: ERROR: work pool {pool} exists with type {existing.type}; the pipelines need a process pool of that name")

        declared = set()
        for d in doc["deployments"]:
            flow_id = await client.create_flow_from_name(d["flow"])
            declared.add((d["flow"], d["name"]))
            fields = dict(
                work_pool_name=d["workPool"],
                entrypoint=d["entrypoint"],
                path=doc["flowsPath"],
                pull_steps=[{"prefect.deployments.steps.set_working_directory": {"directory": doc["flowsPath"]}}],
                parameters=d["parameters"],
                description=d["description"],
                tags=[managed, *d.get("tags", [])],
                version=d["version"],
                enforce_parameter_schema=False,
                # One run of a job at a time: its worker holds memory for one driver.
                concurrency_limit=d.get("concurrencyLimit"),
            )
            try:
                existing = await client.read_deployment_by_name(f"{d['flow']}/{d['name']}")
            except ObjectNotFound:
                existing = None
            if existing is None:
                dep_id = await client.create_deployment(flow_id=flow_id, name=d["name"], schedules=schedule_of(d), **fields)
                log(f"created {d['flow']}/{d['name']}")
            else:
                dep_id = existing.id
                await client.update_deployment(dep_id, DeploymentUpdate(**fields))
                for s in existing.schedules:
                    await client.delete_deployment_schedule(dep_id, s.id)
                if schedule_of(d):
                    await client.create_deployment_schedules(dep_id, [(x.schedule, x.active) for x in schedule_of(d)])
                log(f"updated {d['flow']}/{d['name']}")
            s = d.get("schedule")
            log(f"  {d['flow']}/{d['name']}: " + (f"cron {s['cron']} ({s['timezone']}), {'active' if s['active'] else 'paused'}" if s else "no schedule (run by its pipeline or on demand)"))

        stale = await client.read_deployments(deployment_filter=DeploymentFilter(tags=DeploymentFilterTags(all_=[managed])))
        for dep in stale:
            flow = await client.read_flow(dep.flow_id)
            if (flow.name, dep.name) not in declared:
                await client.delete_deployment(dep.id)
                log(f"removed {flow.name}/{dep.name} (no longer declared)")


def main(path):
    with open(path) as f:
        doc = json.load(f)
    wait_for_api(os.environ["PREFECT_API_URL"])
    asyncio.run(apply(doc))
    log(f"{len(doc['deployments'])} deployment(s) applied")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/provision/deployments.json")
