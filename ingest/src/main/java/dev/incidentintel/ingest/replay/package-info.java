/**
 * Replay of recorded inputs (webhook files, log files, the ServiceNow incident event log) through
 * the same normalisers as the live endpoints, either in-process into Kafka or over HTTP to a
 * running ingest. Pure reading, pacing and bookkeeping: no Kafka or Javalin types here.
 */
package dev.incidentintel.ingest.replay;
