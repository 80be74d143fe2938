package dev.incidentintel.correlation.recurrence;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The incidents of one service (environment/primary service) within the recurrence window: id,
 * signature, detection time, and the recurrence link and rarity assigned to each. Mutable; lives in
 * Flink keyed state.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
public final class ServiceHistory {

  /** One incident as the history remembers it. */
  @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
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

  public List<Entry> entries() {
    return entries;
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
