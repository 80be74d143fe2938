package dev.incidentintel.triage.priority;

import java.util.Locale;
import java.util.Optional;

/**
 * One axis value of the ITIL matrix. For impact HIGH means company-wide, MEDIUM a department (or
 * many users), LOW an individual; for urgency it is how fast the business needs it back.
 */
public enum Level {
    HIGH,
    MEDIUM,
    LOW;

    /**
     * Reads the usual spellings: high/medium/low, critical/moderate/minor,
     * company(-wide)/enterprise, department/multiple, individual/single/user, and 1/2/3. Anything
     * else is empty, because a dataset's own encoding (for example LabelEncoder integers) cannot be
     * guessed.
     */
    public static Optional<Level> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "high",
                    "critical",
                    "company",
                    "company-wide",
                    "company wide",
                    "enterprise",
                    "extensive",
                    "1" ->
                    Optional.of(HIGH);
            case "medium", "moderate", "department", "significant", "multiple", "2" ->
                    Optional.of(MEDIUM);
            case "low", "minor", "individual", "single", "user", "localized", "3" ->
                    Optional.of(LOW);
            default -> Optional.empty();
        };
    }

    /** 1 for HIGH .. 3 for LOW. */
    public int rank() {
        return ordinal() + 1;
    }
}
