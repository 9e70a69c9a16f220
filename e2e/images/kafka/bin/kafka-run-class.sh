#!/usr/bin/env bash
# DataLab e2e stand-in for Kafka 4.1.1's bin/kafka-run-class.sh (written for this project; see
# docs/images.md). Runs a Kafka class on the JVM with the same environment contract:
#   KAFKA_HEAP_OPTS (default -Xmx256M), KAFKA_JVM_PERFORMANCE_OPTS (G1 defaults), KAFKA_GC_LOG_OPTS,
#   KAFKA_JMX_OPTS / JMX_PORT, KAFKA_LOG4J_OPTS (default: config/tools-log4j2.yaml), LOG_DIR
#   (default: <kafka>/logs), KAFKA_OPTS, KAFKA_DEBUG / JAVA_DEBUG_PORT / DEBUG_SUSPEND_FLAG,
#   CLASSPATH (prepended), JAVA_HOME; options -daemon, -name NAME, -loggc before the class name.
if [ $# -lt 1 ]; then
  echo "USAGE: $0 [-daemon] [-name servicename] [-loggc] classname [opts]"
  exit 1
fi

base_dir=$(cd "$(dirname "$0")/.." && pwd)

CLASSPATH="${CLASSPATH:+$CLASSPATH:}$base_dir/libs/*"

LOG_DIR="${LOG_DIR:-$base_dir/logs}"
mkdir -p "$LOG_DIR" 2>/dev/null

if [ -z "${KAFKA_JMX_OPTS:-}" ]; then
  KAFKA_JMX_OPTS="-Dcom.sun.management.jmxremote -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false"
fi
if [ -n "${JMX_PORT:-}" ]; then
  KAFKA_JMX_OPTS="$KAFKA_JMX_OPTS -Dcom.sun.management.jmxremote.port=$JMX_PORT"
  if [[ "$KAFKA_JMX_OPTS" != *-Dcom.sun.management.jmxremote.rmi.port=* ]]; then
    KAFKA_JMX_OPTS="$KAFKA_JMX_OPTS -Dcom.sun.management.jmxremote.rmi.port=$JMX_PORT"
  fi
fi

if [ -z "${KAFKA_LOG4J_OPTS:-}" ]; then
  KAFKA_LOG4J_OPTS="-Dlog4j2.configurationFile=$base_dir/config/tools-log4j2.yaml"
elif grep -Eq 'log4j\.[^[:space:]]+(\.properties|\.xml)$' <<<"$KAFKA_LOG4J_OPTS"; then
  echo "DEPRECATED: A Log4j 1.x configuration file has been detected, which is no longer recommended." >&2
fi
KAFKA_LOG4J_OPTS="-Dkafka.logs.dir=$LOG_DIR $KAFKA_LOG4J_OPTS"

KAFKA_OPTS="${KAFKA_OPTS:-}"

if [ -n "${KAFKA_DEBUG:-}" ]; then
  JAVA_DEBUG_PORT="${JAVA_DEBUG_PORT:-5005}"
  KAFKA_OPTS="-agentlib:jdwp=transport=dt_socket,server=y,suspend=${DEBUG_SUSPEND_FLAG:-n},address=$JAVA_DEBUG_PORT $KAFKA_OPTS"
fi

if [ -z "${JAVA_HOME:-}" ]; then JAVA=java; else JAVA="$JAVA_HOME/bin/java"; fi

KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx256M}"
KAFKA_JVM_PERFORMANCE_OPTS="${KAFKA_JVM_PERFORMANCE_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true}"

DAEMON_MODE=false
GC_LOG_ENABLED=false
DAEMON_NAME=
while [ $# -gt 0 ]; do
  case "$1" in
    -name) DAEMON_NAME=$2; CONSOLE_OUTPUT_FILE="$LOG_DIR/$DAEMON_NAME.out"; shift 2 ;;
    -loggc) GC_LOG_ENABLED=true; shift ;;
    -daemon) DAEMON_MODE=true; shift ;;
    *) break ;;
  esac
done

KAFKA_GC_LOG_OPTS="${KAFKA_GC_LOG_OPTS:-}"
if [ "$GC_LOG_ENABLED" = true ] && [ -z "$KAFKA_GC_LOG_OPTS" ]; then
  KAFKA_GC_LOG_OPTS="-Xlog:gc*:file=$LOG_DIR/${DAEMON_NAME:+$DAEMON_NAME-}gc.log:time,tags:filecount=10,filesize=100M"
fi

# Word splitting of the option variables is intended: each holds several JVM options.
# shellcheck disable=SC2086
if [ "$DAEMON_MODE" = true ]; then
  nohup "$JAVA" $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS $KAFKA_GC_LOG_OPTS $KAFKA_JMX_OPTS $KAFKA_LOG4J_OPTS \
    -cp "$CLASSPATH" $KAFKA_OPTS "$@" > "${CONSOLE_OUTPUT_FILE:-$LOG_DIR/kafka.out}" 2>&1 < /dev/null &
else
  exec "$JAVA" $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS $KAFKA_GC_LOG_OPTS $KAFKA_JMX_OPTS $KAFKA_LOG4J_OPTS \
    -cp "$CLASSPATH" $KAFKA_OPTS "$@"
fi
