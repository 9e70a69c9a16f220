# DataLab JupyterHub configuration. Everything environment-specific comes from the container's
# environment, set by the visualization stack; secrets never appear in this file.
import json
import os
import sys

# datalab_hub.py sits next to this file, a folder `jupyterhub` does not put on sys.path (only its
# own script's folder): without this line the hub exits at start with ModuleNotFoundError.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from datalab_hub import GeneratedPasswordAuthenticator, ensure_unix_user  # noqa: E402

c = get_config()  # noqa: F821 (provided by JupyterHub)

env = os.environ
DATA = "/srv/jupyterhub/data"  # named volume: database and cookie secret survive re-creates

c.JupyterHub.bind_url = "http://:8000"
c.JupyterHub.db_url = f"sqlite:///{DATA}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = f"{DATA}/jupyterhub_cookie_secret"
# Prometheus scrapes /hub/metrics from inside the platform network.
c.JupyterHub.authenticate_prometheus = False

# --- Authentication: one generated password per user, one for the admin.
admin = env["DATALAB_HUB_ADMIN_USER"]
passwords = json.loads(env["DATALAB_HUB_USER_PASSWORDS"])
passwords[admin] = env["DATALAB_HUB_ADMIN_PASSWORD"]
c.JupyterHub.authenticator_class = GeneratedPasswordAuthenticator
c.GeneratedPasswordAuthenticator.passwords = passwords
c.Authenticator.allowed_users = set(passwords)
c.Authenticator.admin_users = {admin}

# --- Spawner: a process per user, as that user's Unix account, in this container.
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.http_timeout = 60


def _pre_spawn(spawner):
    ensure_unix_user(spawner.user.name)


c.Spawner.pre_spawn_hook = _pre_spawn

# Only these variables reach notebooks (LocalProcessSpawner does not pass the hub's environment):
# the notebook identity for the data lake and where Spark is. The hub's passwords stay here.
NOTEBOOK_ENV = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_ENDPOINT_URL",
    "AWS_REGION",
    "AWS_ALLOW_HTTP",
    "SPARK_MASTER",
    "SPARK_CONF_DIR",
    "JAVA_HOME",
    "DATALAB_ENVIRONMENT",
    "DATALAB_LAKE_READ",
    "DATALAB_LAKE_SCRATCH",
]
c.Spawner.environment = {k: env[k] for k in NOTEBOOK_ENV if k in env}
