package dev.incidentintel.correlation.recurrence;

import static dev.incidentintel.correlation.Alerts.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.events.Incident;
import dev.incidentintel.events.IncidentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

public class RecurrenceTrackerTest {
    private final RecurrenceTracker tracker = new RecurrenceTracker(RecurrenceOptions.defaults());
    private final ServiceHistory history = new ServiceHistory();

    public static Incident incident(String id, String signature, Instant detected) {
        return Incident.builder()
                .source("correlation-job")
                .eventTime(detected)
                .id(id)
                .version(1)
                .title("t")
                .environment("prod")
                .services(List.of("db"))
                .status(IncidentStatus.OPEN)
                .impactStart(detected)
                .detectedAt(detected)
                .alertCount(1)
                .signature(signature)
                .build();
    }

    private Incident at(String id, String signature, int day) {
        return tracker.apply(
                history, incident(id, signature, BEGINNING.plus(Duration.ofDays(day))));
    }

    @Test
    void aCopyOfTheHistoryIsEqualAndIndependent() {
        at("i1", "sigA", 0);
        at("i2", "sigA", 1);
        ServiceHistory copy = history.copy();
        String json = json(history);
        assertThat(json(copy)).isEqualTo(json);
        at("i3", "sigB", 2); // the original goes on
        tracker.prune(history, BEGINNING.plus(Duration.ofDays(31)));
        assertThat(json(copy)).isEqualTo(json);
        assertThat(json(history)).isNotEqualTo(json);
    }

    private static String json(ServiceHistory h) {
        return new String(
                dev.incidentintel.events.json.EventJson.toBytes(h),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void firstOccurrenceIsNewAndTheNextLinksToTheMostRecentEarlierOne() {
        assertThat(at("i1", "sigA", 0).rarity()).isEqualTo("new");
        Incident second = at("i2", "sigA", 1);
        assertThat(second.recurrenceOf()).isEqualTo("i1");
        Incident third = at("i3", "sigA", 2);
        assertThat(third.recurrenceOf()).isEqualTo("i2");
        // 2 earlier incidents, both sigA: share 1.0 >= 0.2 -> frequent.
        assertThat(third.rarity()).isEqualTo("frequent");
    }

    @Test
    void shareOfTheServicesIncidentsDecidesRareOccasionalFrequent() {
        at("a0", "sigA", 0);
        for (int i = 1; i <= 20; i++) {
            at("b" + i, "sigB", i); // 20 other incidents
        }
        // Earlier in window: 21 incidents, 1 with sigA -> 1/21 = 0.048 <= 0.05 -> rare.
        assertThat(at("a1", "sigA", 21).rarity()).isEqualTo("rare");
        // Now 22 earlier, 2 with sigA -> 0.09 -> occasional.
        assertThat(at("a2", "sigA", 22).rarity()).isEqualTo("occasional");
    }

    @Test
    void occurrencesOlderThanTheWindowDoNotCountAndArePruned() {
        at("i1", "sigA", 0);
        Incident later = at("i2", "sigA", 31);
        assertThat(later.rarity()).isEqualTo("new");
        assertThat(later.recurrenceOf()).isEmpty();
        tracker.prune(history, BEGINNING.plus(Duration.ofDays(31)));
        assertThat(history.entries()).hasSize(1);
    }

    @Test
    void pruningAtTheInstantNextPruneNamesRemovesThatIncident() {
        at("i1", "sigA", 0);
        at("i2", "sigA", 3);
        java.time.Instant due = tracker.nextPrune(history).orElseThrow();
        assertThat(due).isEqualTo(BEGINNING.plus(Duration.ofDays(30)));
        tracker.prune(history, due);
        // Otherwise a timer at 'due' would find nothing to prune and re-arm at the same instant
        // forever.
        assertThat(history.entries()).hasSize(1);
        assertThat(tracker.nextPrune(history)).contains(BEGINNING.plus(Duration.ofDays(33)));
    }

    @Test
    void laterUpdatesKeepTheFirstAssessment() {
        at("i1", "sigA", 0);
        Incident first = at("i2", "sigA", 1);
        Incident update =
                tracker.apply(history, incident("i2", "sigA", BEGINNING.plus(Duration.ofDays(1))));
        assertThat(update.recurrenceOf()).isEqualTo(first.recurrenceOf()).isEqualTo("i1");
        assertThat(history.entries()).hasSize(2);
    }

    @Test
    void aHistoryRestoredFromItsJsonFindsItsIncidentsAndKeepsTheirAssessment() {
        at("i1", "sigA", 0);
        at("i2", "sigA", 1);
        ServiceHistory restored =
                dev.incidentintel.events.json.EventJson.read(
                        dev.incidentintel.events.json.EventJson.toBytes(history),
                        ServiceHistory.class);
        // The index by incident id is not part of the state: an update must still find i2, not add
        // it twice.
        Incident update =
                tracker.apply(restored, incident("i2", "sigA", BEGINNING.plus(Duration.ofDays(1))));
        assertThat(update.recurrenceOf()).isEqualTo("i1");
        assertThat(restored.entries()).hasSize(2);
        assertThat(json(restored)).isEqualTo(json(history));
    }

    @Test
    void aLateIncidentDetectedBeforeEveryOtherMovesTheNextPruneEarlier() {
        at("i2", "sigA", 5);
        assertThat(tracker.nextPrune(history)).contains(BEGINNING.plus(Duration.ofDays(35)));
        at("i1", "sigB", 2); // arrives later, detected earlier
        assertThat(tracker.nextPrune(history)).contains(BEGINNING.plus(Duration.ofDays(32)));
        tracker.prune(history, BEGINNING.plus(Duration.ofDays(32)));
        assertThat(history.entries()).extracting(e -> e.incidentId).containsExactly("i2");
        assertThat(tracker.nextPrune(history)).contains(BEGINNING.plus(Duration.ofDays(35)));
    }

    @Test
    void aPrunedIncidentIsForgottenAndCountsAsNewWhenItComesBack() {
        at("i1", "sigA", 0);
        tracker.prune(history, BEGINNING.plus(Duration.ofDays(30)));
        assertThat(history.find("i1")).isNull();
        assertThat(tracker.nextPrune(history)).isEmpty();
        Incident again =
                tracker.apply(history, incident("i1", "sigA", BEGINNING.plus(Duration.ofDays(31))));
        assertThat(again.rarity()).isEqualTo("new");
        assertThat(history.entries()).hasSize(1);
    }

    @Test
    void rememberingAnIncidentTwiceIsRefused() {
        at("i1", "sigA", 0);
        ServiceHistory.Entry twin = history.find("i1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> history.add(twin))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("i1");
    }
}
