#!/usr/bin/env bash
# DataLab e2e stand-in for Kafka 4.1.1's bin/kafka-server-stop.sh (written for this project):
# SIGTERM to every kafka.Kafka JVM (optionally only the one whose node.id / process.roles match).
SIGNAL=${SIGNAL:-TERM}
pids=$(ps ax | grep -i 'kafka\.Kafka' | grep java | grep -v grep | awk '{print $1}')
if [ -z "$pids" ]; then
  echo "No kafka server to stop"
  exit 1
fi
# shellcheck disable=SC2086
kill -s "$SIGNAL" $pids
