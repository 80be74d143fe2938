package dev.incidentintel.ingest.kafka;

import dev.incidentintel.ingest.IngestConfig;
import dev.incidentintel.ingest.normalize.AlertmanagerNormalizer;
import dev.incidentintel.ingest.replay.ServiceSink;
import dev.incidentintel.ingest.service.IngestMetrics;
import dev.incidentintel.ingest.service.IngestService;
import java.time.Clock;

/**
 * Builds the in-process replay sink: an {@link IngestService} over a {@link KafkaEventPublisher}
 * configured exactly like the server's, so a replayed body is normalised and acknowledged the way a
 * live one would be.
 */
public final class KafkaReplaySink {
    private KafkaReplaySink() {}

    /** A sink producing to {@code config}'s Kafka and topics; closing it closes the producer. */
    public static ServiceSink open(IngestConfig config) {
        KafkaEventPublisher publisher =
                KafkaEventPublisher.create(config.bootstrapServers(), config.ackTimeout());
        IngestService service =
                new IngestService(
                        config.labelMapping(),
                        new AlertmanagerNormalizer(config.labelMapping()),
                        publisher,
                        config.alertsTopic(),
                        config.sources(),
                        new IngestMetrics(),
                        Clock.systemUTC());
        return new ServiceSink(service, publisher);
    }
}
