#!/bin/sh
# Writes one bin/<script> per line of tools.tsv: kafka-run-class.sh with the tool's main class
# (and, for the console tools, the 512M default heap that Kafka's own scripts give them).
set -eu
dir=$1
grep -v '^#' "$dir/tools.tsv" | while IFS="$(printf '\t')" read -r script class heap; do
  [ -n "$script" ] || continue
  {
    echo '#!/usr/bin/env bash'
    echo "# DataLab e2e stand-in for Kafka 4.1.1's bin/$script: runs $class."
    if [ -n "${heap:-}" ]; then
      echo 'if [ -z "${KAFKA_HEAP_OPTS:-}" ]; then'
      echo "  export KAFKA_HEAP_OPTS=\"$heap\""
      echo 'fi'
    fi
    echo "exec \"\$(dirname \"\$0\")/kafka-run-class.sh\" $class \"\$@\""
  } > "$dir/$script"
  chmod 0755 "$dir/$script"
done
rm "$dir/tools.tsv" "$dir/make-tool-scripts.sh"
