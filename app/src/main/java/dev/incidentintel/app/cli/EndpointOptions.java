package dev.incidentintel.app.cli;

import picocli.CommandLine.Option;

/**
 * Where the pipeline's parts listen and what they connect to. Shared by every command; each value
 * can also come from an environment variable or the config file (see {@link ConfigDefaults}).
 */
public final class EndpointOptions {
    @Option(
            names = "--kafka-bootstrap-servers",
            paramLabel = "HOST:PORT,...",
            description =
                    "Kafka brokers (env KAFKA_BOOTSTRAP_SERVERS). Empty: demo starts an embedded broker.")
    public String kafkaBootstrapServers = "";

    @Option(
            names = "--clickhouse-url",
            paramLabel = "JDBC_URL",
            description =
                    "ClickHouse JDBC URL including the database, e.g. jdbc:clickhouse://127.0.0.1:8123/incident_intel?compress=false"
                            + " (env CLICKHOUSE_URL). Empty: demo starts a local clickhouse-server.")
    public String clickhouseUrl = "";

    @Option(
            names = "--bind-host",
            description =
                    "Interface the HTTP servers listen on (env BIND_HOST). Default: ${DEFAULT-VALUE}.")
    public String bindHost = "0.0.0.0";

    @Option(
            names = "--ingest-port",
            description =
                    "Port of the ingest HTTP server (env INGEST_PORT). Default: ${DEFAULT-VALUE}.")
    public int ingestPort = 8080;

    @Option(
            names = "--api-port",
            description = "Port of the metrics API (env API_PORT). Default: ${DEFAULT-VALUE}.")
    public int apiPort = 8090;

    @Option(
            names = "--group-gap",
            paramLabel = "DURATION",
            description =
                    "Alerts of one service starting within this gap join one incident, ISO-8601 (env GROUP_GAP). Default: ${DEFAULT-VALUE}.")
    public String groupGap = "PT5M";

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "Properties file with defaults (keys like kafka.bootstrap.servers; env INCIDENT_INTEL_CONFIG).")
    public String config;
}
