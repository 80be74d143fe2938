package dev.incidentintel.correlation.recurrence;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The incidents of one service (environment/primary service) within the recurrence window: id,
 * signature, detection time, and the recurrence link and rarity assigned to each. Mutable; lives in
 * Flink keyed state.
 *
 * <p>Every update of an incident looks its entry up, and a busy service remembers thousands of
 * incidents in a 30-day window, so entries are indexed by incident id, and the earliest detection
 * time (which sets the next prune) is kept. Both are derived, not stored: rebuilt on first use
 * after a restore or a copy.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public final class ServiceHistory {

    /** One incident as the history remembers it. */
    @JsonAutoDetect(
            fieldVisibility = Visibility.ANY,
            getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE)
    public static final class Entry {
        String incidentId;
        String signature;
        Instant detectedAt;
        String recurrenceOf;
        String rarity;

        Entry() {}

        Entry(String incidentId, String signature, Instant detectedAt) {
            this.incidentId = incidentId;
            this.signature = signature;
            this.detectedAt = detectedAt;
        }
    }

    private List<Entry> entries = new ArrayList<>();
    private Long timerAt;
    @JsonIgnore private transient Map<String, Entry> byId;
    @JsonIgnore private transient Instant earliest;

    /** A deep copy: new entries in a new list. */
    public ServiceHistory copy() {
        ServiceHistory c = new ServiceHistory();
        c.entries = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            Entry copy = new Entry(e.incidentId, e.signature, e.detectedAt);
            copy.recurrenceOf = e.recurrenceOf;
            copy.rarity = e.rarity;
            c.entries.add(copy);
        }
        c.timerAt = timerAt;
        return c;
    }

    /** The remembered incidents, in the order they were first seen (read only). */
    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** The entry of {@code incidentId}, or null. */
    public Entry find(String incidentId) {
        if (byId == null) {
            byId = new HashMap<>(Math.max(16, entries.size() * 2));
            for (Entry e : entries) {
                byId.put(e.incidentId, e);
            }
        }
        return byId.get(incidentId);
    }

    /** Remembers {@code entry} (an incident not remembered yet). */
    public void add(Entry entry) {
        if (find(entry.incidentId) != null) {
            throw new IllegalArgumentException(
                    "incident " + entry.incidentId + " is already remembered");
        }
        entries.add(entry);
        byId.put(entry.incidentId, entry);
        if (earliest != null && entry.detectedAt.isBefore(earliest)) {
            earliest = entry.detectedAt;
        }
    }

    /** Forgets every incident detected before {@code cutoff}. */
    public void removeDetectedBefore(Instant cutoff) {
        boolean removed =
                entries.removeIf(
                        e -> {
                            boolean gone = e.detectedAt.isBefore(cutoff);
                            if (gone && byId != null) {
                                byId.remove(
                                        e.incidentId); // a prune runs about once per incident: keep
                                // the index, not rebuild it
                            }
                            return gone;
                        });
        if (removed) {
            earliest = null;
        }
    }

    /** The earliest detection time remembered, or empty when nothing is. */
    public Optional<Instant> earliestDetected() {
        if (earliest == null) {
            for (Entry e : entries) {
                if (earliest == null || e.detectedAt.isBefore(earliest)) {
                    earliest = e.detectedAt;
                }
            }
        }
        return Optional.ofNullable(earliest);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public Long timerAt() {
        return timerAt;
    }

    public void timerAt(Long timestamp) {
        timerAt = timestamp;
    }
}
