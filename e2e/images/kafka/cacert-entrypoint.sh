#!/bin/sh
# DataLab e2e stand-in for the /__cacert_entrypoint.sh of the eclipse-temurin base of
# apache/kafka:4.1.1 (written for this project). The real one can add certificates from
# /certificates to the JVM's trust store when USE_SYSTEM_CA_CERTS is set; this image has no such
# step (it carries no CA material of its own), says so, and runs the command.
if [ -n "${USE_SYSTEM_CA_CERTS:-}" ]; then
  echo "USE_SYSTEM_CA_CERTS is not supported by this stand-in image; ignored." >&2
fi
exec "$@"
