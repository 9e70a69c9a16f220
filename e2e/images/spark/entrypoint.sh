#!/bin/bash
# Entrypoint of the apache/spark stand-in. The real image's entrypoint has three modes: `driver` and
# `executor` (Spark on Kubernetes only) and pass-through for any other command, which is the one
# the DataLab stacks use (spark-class, spark-submit). Pass-through runs the command unchanged,
# after giving an unknown uid a passwd entry through nss_wrapper as the real one does.
set -eo pipefail

if ! getent passwd "$(id -u)" >/dev/null 2>&1; then
  for wrapper in /usr/lib/*/libnss_wrapper.so /usr/lib/libnss_wrapper.so; do
    if [ -s "$wrapper" ]; then
      NSS_WRAPPER_PASSWD="$(mktemp)"
      NSS_WRAPPER_GROUP="$(mktemp)"
      export LD_PRELOAD="$wrapper" NSS_WRAPPER_PASSWD NSS_WRAPPER_GROUP
      echo "spark:x:$(id -u):$(id -g):${SPARK_USER_NAME:-anonymous uid}:${SPARK_HOME}:/bin/false" > "$NSS_WRAPPER_PASSWD"
      echo "spark:x:$(id -g):" > "$NSS_WRAPPER_GROUP"
      break
    fi
  done
fi

case "$1" in
  driver | executor)
    echo "entrypoint: '$1' is Spark-on-Kubernetes mode, which this stand-in does not implement" >&2
    exit 64
    ;;
  *)
    exec "$@"
    ;;
esac
