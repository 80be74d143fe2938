package dev.incidentintel.correlation.kafka;

import static dev.incidentintel.correlation.Alerts.BEGINNING;
import static dev.incidentintel.correlation.Alerts.firing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.correlation.correlate.GroupingOptions;
import dev.incidentintel.correlation.correlate.IncidentCorrelator;
import dev.incidentintel.correlation.correlate.ScopeState;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.events.json.EventJson;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The job's Kafka outputs leave the record timestamp to the producer (send time): an event-time
 * timestamp older than the topic's retention (replayed history, late alerts) is deleted by the
 * broker's next retention check, before any reader sees it.
 */
class FeedRecordTimestampTest {
    @Test
    void incidentUpdatesAndLateAlertsCarryNoEventTimeRecordTimestamp() {
        AlertEvent old = firing("fp1", "HighLatency", "checkout", BEGINNING); // months in the past
        IncidentUpdate update =
                new IncidentCorrelator(GroupingOptions.defaults())
                        .onAlert(new ScopeState(), old)
                        .updates()
                        .get(0);

        ProducerRecord<byte[], byte[]> feed =
                new IncidentUpdateSerializer("incidents.v1")
                        .serialize(update, null, BEGINNING.toEpochMilli());
        ProducerRecord<byte[], byte[]> late =
                new LateAlertSerializer("alerts.late.v1")
                        .serialize(old, null, BEGINNING.toEpochMilli());

        assertThat(feed.timestamp()).isNull();
        assertThat(late.timestamp()).isNull();
        assertThat(EventJson.read(feed.value(), IncidentUpdate.class).incident().eventTime())
                .isEqualTo(BEGINNING);
        assertThat(new String(feed.key(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(update.incident().id());
    }
}
