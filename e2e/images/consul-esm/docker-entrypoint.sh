#!/bin/sh
# DataLab e2e stand-in for hashicorp/consul-esm:0.7.1's /bin/docker-entrypoint.sh (written for
# this project; see docs/images.md). Same behaviour: arguments starting with a flag are passed to
# /bin/consul-esm; anything else is executed as given (exec, so the program is PID 1).
set -e

case "$1" in
  -*) set -- /bin/consul-esm "$@" ;;
esac

exec "$@"
