"""The e2e's trivial DAG: one task that returns a value. It proves the DAG processor parsed the
file from the dags volume, the scheduler ran the task (LocalExecutor) and the task reported back
through the API server's execution API."""
import datetime

from airflow.sdk import dag, task


@dag(dag_id="datalab_e2e_trivial", schedule=None, start_date=datetime.datetime(2026, 1, 1), catchup=False, tags=["datalab-e2e"])
def datalab_e2e_trivial():
    @task
    def answer() -> int:
        return 42

    answer()


datalab_e2e_trivial()
