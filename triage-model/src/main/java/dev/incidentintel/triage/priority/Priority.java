package dev.incidentintel.triage.priority;

/** ITIL priority, P1 (critical) to P5 (planning). */
public enum Priority {
  P1, P2, P3, P4, P5;

  /** 1 for P1 .. 5 for P5. */
  public int rank() {
    return ordinal() + 1;
  }
}
