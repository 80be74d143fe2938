package dev.incidentintel.app.cli;

import dev.incidentintel.ingest.IngestConfig;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the ingest server's configuration for {@code incident-intel ingest}: every {@code
 * ingest.*} key of the config file (per-integration tokens, generic JSON mappings, topics, label
 * mapping, limits; see ingest/README.md), tokens from environment variables {@code
 * INGEST_AUTH_<INTEGRATION>_TOKENS} (comma-separated; kept out of files), and the resolved endpoint
 * options, which win.
 */
final class IngestSettings {
    private static final Pattern TOKEN_ENV = Pattern.compile("INGEST_AUTH_([A-Z0-9_]+)_TOKENS");

    private IngestSettings() {}

    static IngestConfig from(EndpointOptions endpoints, Properties file, Map<String, String> env) {
        Properties props = new Properties();
        file.stringPropertyNames().stream()
                .filter(k -> k.startsWith("ingest."))
                .forEach(k -> props.setProperty(k, file.getProperty(k)));
        env.forEach(
                (name, value) -> {
                    Matcher m = TOKEN_ENV.matcher(name);
                    if (m.matches()) {
                        String integration = m.group(1).toLowerCase(Locale.ROOT).replace('_', '-');
                        props.setProperty("ingest.auth." + integration + ".tokens", value);
                    }
                });
        props.setProperty("ingest.kafka.bootstrap-servers", endpoints.kafkaBootstrapServers);
        props.setProperty("ingest.host", endpoints.bindHost);
        props.setProperty("ingest.port", Integer.toString(endpoints.ingestPort));
        return IngestConfig.fromProperties(props);
    }
}
