/**
 * Anomaly detection as pure code: streaming log template mining ({@code logs}), streaming
 * time-series detectors ({@code series}) and the offline scorers used by the evaluation commands
 * ({@code eval}). No Flink, Kafka or JDBC here; the {@code flink} package wraps these classes.
 */
package dev.incidentintel.correlation.anomaly;
