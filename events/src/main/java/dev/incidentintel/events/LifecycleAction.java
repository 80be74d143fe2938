package dev.incidentintel.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a person (or a paging tool on their behalf) did to an incident or alert. */
public enum LifecycleAction {
  ACK,
  UNACK,
  ASSIGN,
  ESCALATE,
  MITIGATE,
  RESOLVE,
  REOPEN,
  COMMENT;

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses an action name in any case; rejects unknown actions naming the field. */
  @JsonCreator
  public static LifecycleAction parse(String raw) {
    if (raw != null) {
      for (LifecycleAction a : values()) {
        if (a.name().equalsIgnoreCase(raw.trim())) {
          return a;
        }
      }
    }
    throw new InvalidEventException("action", "unknown lifecycle action '" + raw + "'");
  }
}
