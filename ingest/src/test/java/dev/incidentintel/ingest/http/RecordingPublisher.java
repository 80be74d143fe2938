package dev.incidentintel.ingest.http;

import dev.incidentintel.ingest.service.EventPublisher;
import dev.incidentintel.ingest.service.OutboundRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Test implementation of our own publishing port (not of Kafka): remembers records, or runs a hook
 * first that may throw to simulate a failing publisher. Kafka itself is only exercised in ITs.
 */
final class RecordingPublisher implements EventPublisher {
    final List<OutboundRecord> published = new CopyOnWriteArrayList<>();
    private final Consumer<List<OutboundRecord>> hook;

    RecordingPublisher(Consumer<List<OutboundRecord>> hook) {
        this.hook = hook;
    }

    RecordingPublisher() {
        this(records -> {});
    }

    @Override
    public void publish(List<OutboundRecord> records) {
        hook.accept(records);
        published.addAll(records);
    }

    @Override
    public void close() {}
}
