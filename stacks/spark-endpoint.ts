/**
 * Spark for clients in other groups (notebooks): when the processing group is deployed they get its
 * master's URL by reference (`ProcessingStack.masterUrl`); without it they run Spark in local mode.
 */

/** Local mode: the driver runs executors in-process (no cluster deployed). */
export const SPARK_LOCAL = 'local[*]';
