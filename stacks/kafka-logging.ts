/**
 * Broker logging for the apache/kafka image: everything to the console (`docker logs`), nothing to
 * files.
 *
 * The image's default log4j2.yaml (Kafka's own config/log4j2.yaml) also writes server.log,
 * controller.log, state-change.log, kafka-request.log, log-cleaner.log and kafka-authorizer.log
 * under /opt/kafka/logs, rolled hourly and never deleted, and kafka-server-start.sh adds `-loggc`:
 * a GC log of up to 10 × 100 MB in the same folder. On our read-only root that folder is a sized
 * tmpfs, which those files would fill (and whose size counts against the memory limit). The image's
 * launcher (KafkaDockerWrapper) takes a log4j2.yaml mounted in /mnt/shared/config instead of its
 * default and still applies KAFKA_LOG4J_ROOT_LOGLEVEL and KAFKA_LOG4J_LOGGERS to it; `EXTRA_ARGS`
 * without `-loggc` drops the GC file.
 */

/** Where the launcher looks for a log4j2.yaml to use instead of its default. */
export const KAFKA_LOG4J2_PATH = '/mnt/shared/config/log4j2.yaml';

/** kafka-server-start.sh's default is `-name kafkaServer -loggc`: the same name, no GC log file. */
export const KAFKA_EXTRA_ARGS = '-name kafkaServer';

/**
 * The levels of Kafka's own config/log4j2.yaml, every logger to the console: request logging and
 * the network request channel at WARN, the rest (controller, state changes, log cleaner,
 * authorizer) at INFO.
 */
export const KAFKA_LOG4J2 = `Configuration:
  Properties:
    Property:
      - name: "logPattern"
        value: "[%d] %p %m (%c)%n"
  Appenders:
    Console:
      name: STDOUT
      PatternLayout:
        pattern: "\${logPattern}"
  Loggers:
    Root:
      level: INFO
      AppenderRef:
        - ref: STDOUT
    Logger:
      - name: kafka.request.logger
        level: WARN
      - name: kafka.network.RequestChannel$
        level: WARN
`;
