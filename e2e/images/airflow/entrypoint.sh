#!/usr/bin/env bash
# The apache/airflow image's entry point contract, as its documentation ("Entrypoint") describes
# it, for the e2e stand-in (see docs/images.md):
# - the image must run with group 0 (any uid; 50000 is the airflow user); umask 0002;
# - a uid without a passwd entry gets one (when /etc/passwd is writable) and HOME=/home/airflow;
# - as root, the airflow user's ~/.local site-packages are put on PYTHONPATH;
# - unless CONNECTION_CHECK_MAX_COUNT is 0, `airflow db check` is retried (CONNECTION_CHECK_MAX_COUNT
#   times, default 20, CONNECTION_CHECK_SLEEP_TIME seconds apart, default 3) before anything runs;
# - _AIRFLOW_DB_MIGRATE (or the deprecated _AIRFLOW_DB_UPGRADE): `airflow db migrate`, whose
#   failure does not stop the container (as upstream);
# - _AIRFLOW_WWW_USER_CREATE: `airflow users create` from _AIRFLOW_WWW_USER_USERNAME (admin),
#   _FIRSTNAME, _LASTNAME, _EMAIL, _ROLE (Admin) and _AIRFLOW_WWW_USER_PASSWORD or
#   _AIRFLOW_WWW_USER_PASSWORD_CMD (required); an existing user is not an error;
# - _PIP_ADDITIONAL_REQUIREMENTS: installed with pip before the command (a development feature);
# - `bash …` and `python …` run as given; otherwise `airflow <command>`, with a leading `airflow`
#   in the command dropped.
command_name="${1:-}"
set -euo pipefail

# libstdc++ preloaded: the image does it against "cannot allocate memory in static TLS block".
export LD_PRELOAD="/usr/lib/$(uname -m)-linux-gnu/libstdc++.so.6"
unset PIP_USER

retry() {
  local left="${CONNECTION_CHECK_MAX_COUNT}" out
  while true; do
    if out=$(eval "$1" 2>&1); then
      echo
      return 0
    fi
    echo -n "."
    left=$((left - 1))
    if [[ ${left} -le 0 ]]; then
      echo
      echo "ERROR! Maximum number of retries (${CONNECTION_CHECK_MAX_COUNT}) reached."
      echo "Last check result:"
      echo "\$ $1"
      echo "${out}"
      exit 1
    fi
    sleep "${CONNECTION_CHECK_SLEEP_TIME}"
  done
}

if [[ "$(id -g)" != "0" ]]; then
  if [[ "$(id -u)" == "50000" ]]; then
    >&2 echo "WARNING! You should run the image with GID (Group ID) set to 0 even if you use the 'airflow' user (UID=50000); started with UID=$(id -u) GID=$(id -g)"
  else
    >&2 echo "ERROR! You should run the image with GID=0; started with UID=$(id -u) GID=$(id -g)"
    exit 1
  fi
fi
umask 0002

CONNECTION_CHECK_MAX_COUNT="${CONNECTION_CHECK_MAX_COUNT:=20}"
CONNECTION_CHECK_SLEEP_TIME="${CONNECTION_CHECK_SLEEP_TIME:=3}"

if ! whoami >/dev/null 2>&1; then
  if [[ -w /etc/passwd ]]; then
    echo "${USER_NAME:-default}:x:$(id -u):0:${USER_NAME:-default} user:${AIRFLOW_USER_HOME_DIR}:/sbin/nologin" >> /etc/passwd
  fi
  export HOME="${AIRFLOW_USER_HOME_DIR}"
fi
if [[ "$(id -u)" == "0" ]]; then
  python_version="$(python -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
  export PYTHONPATH="${AIRFLOW_USER_HOME_DIR}/.local/lib/python${python_version}/site-packages:${PYTHONPATH:-}"
  >&2 echo "The container is run as root user. For security, consider using a regular user account."
fi

if [[ "${CONNECTION_CHECK_MAX_COUNT}" -gt 0 ]]; then
  retry "airflow db check"
fi

if [[ -n "${_AIRFLOW_DB_MIGRATE:-}" || -n "${_AIRFLOW_DB_UPGRADE:-}" ]]; then
  airflow db migrate || true
fi
if [[ -n "${_AIRFLOW_DB_UPGRADE:-}" ]]; then
  >&2 echo "WARNING: Environment variable '_AIRFLOW_DB_UPGRADE' is deprecated please use '_AIRFLOW_DB_MIGRATE' instead"
fi

if [[ -n "${_AIRFLOW_WWW_USER_CREATE:-}" ]]; then
  password=""
  if [[ -n "${_AIRFLOW_WWW_USER_PASSWORD_CMD:-}" ]]; then
    password="$(eval "${_AIRFLOW_WWW_USER_PASSWORD_CMD}")"
    unset _AIRFLOW_WWW_USER_PASSWORD_CMD
  elif [[ -n "${_AIRFLOW_WWW_USER_PASSWORD:-}" ]]; then
    password="${_AIRFLOW_WWW_USER_PASSWORD}"
    unset _AIRFLOW_WWW_USER_PASSWORD
  fi
  if [[ -z "${password}" ]]; then
    echo "ERROR! Airflow Admin password not set via _AIRFLOW_WWW_USER_PASSWORD or _AIRFLOW_WWW_USER_PASSWORD_CMD variables!"
    exit 1
  fi
  airflow users create \
    --username "${_AIRFLOW_WWW_USER_USERNAME:-admin}" \
    --firstname "${_AIRFLOW_WWW_USER_FIRSTNAME:-Airflow}" \
    --lastname "${_AIRFLOW_WWW_USER_LASTNAME:-Admin}" \
    --email "${_AIRFLOW_WWW_USER_EMAIL:-airflowadmin@example.com}" \
    --role "${_AIRFLOW_WWW_USER_ROLE:-Admin}" \
    --password "${password}" || true
fi

if [[ -n "${_PIP_ADDITIONAL_REQUIREMENTS:-}" ]]; then
  >&2 echo "Installing additional requirements: '${_PIP_ADDITIONAL_REQUIREMENTS}' (a development feature: build your own image instead)"
  # shellcheck disable=SC2086
  pip install "apache-airflow==${AIRFLOW_VERSION}" --root-user-action ignore --no-cache-dir ${_PIP_ADDITIONAL_REQUIREMENTS}
  pip check
fi

case "${command_name}" in
  bash) shift; exec /bin/bash "$@" ;;
  python) shift; exec python "$@" ;;
esac
if [[ "${command_name}" == "airflow" ]]; then
  shift
fi
exec airflow "$@"
