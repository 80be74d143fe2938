package dev.incidentintel.correlation.recurrence;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of recurrence and rarity.
 *
 * @param window how far back an earlier incident with the same signature counts as a recurrence,
 *     and over which a service's incidents are counted for rarity (30 days by default)
 * @param frequentShare a signature making up at least this share of the service's incidents in the
 *     window is {@code frequent} (0.20)
 * @param rareShare at most this share is {@code rare} (0.05); a signature not seen in the window is
 *     {@code new}; anything between is {@code occasional}
 */
public record RecurrenceOptions(Duration window, double frequentShare, double rareShare)
        implements Serializable {

    public RecurrenceOptions {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, got " + window);
        }
        if (!(rareShare >= 0 && rareShare < frequentShare && frequentShare <= 1)) {
            throw new IllegalArgumentException(
                    "need 0 <= rareShare < frequentShare <= 1, got rare="
                            + rareShare
                            + " frequent="
                            + frequentShare);
        }
    }

    public static RecurrenceOptions defaults() {
        return new RecurrenceOptions(Duration.ofDays(30), 0.20, 0.05);
    }
}
