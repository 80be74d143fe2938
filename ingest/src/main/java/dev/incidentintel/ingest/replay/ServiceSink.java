package dev.incidentintel.ingest.replay;

import dev.incidentintel.ingest.ErrorCode;
import dev.incidentintel.ingest.IngestException;
import dev.incidentintel.ingest.service.IngestOutcome;
import dev.incidentintel.ingest.service.IngestService;
import java.util.Objects;

/** Replays through an in-process {@link IngestService}: same normalisers, same publisher. */
public final class ServiceSink implements ReplaySink {
    private final IngestService service;
    private final AutoCloseable resources;

    /** {@code resources} (e.g. the Kafka publisher) is closed with the sink. */
    public ServiceSink(IngestService service, AutoCloseable resources) {
        this.service = Objects.requireNonNull(service, "service");
        this.resources = resources;
    }

    @Override
    public Outcome send(ReplayItem item) {
        try {
            IngestOutcome o = service.ingest(item.endpoint(), item.body(), item.meta());
            return Outcome.ok(o.accepted(), o.rejected() == null ? 0 : o.rejected());
        } catch (IngestException e) {
            return Outcome.rejected(
                    e.code().code(), e.getMessage(), e.code() == ErrorCode.KAFKA_UNAVAILABLE);
        }
    }

    @Override
    public void close() {
        if (resources != null) {
            try {
                resources.close();
            } catch (Exception e) {
                throw new IllegalStateException(
                        "closing the replay sink failed: " + e.getMessage(), e);
            }
        }
    }
}
