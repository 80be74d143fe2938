package dev.incidentintel.metricsapi.kpi;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.incidentintel.metricsapi.ApiException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The dimensions a KPI can be split by. This enum is the whitelist: the storage adapter maps each
 * value to a fixed column expression, so request text never reaches SQL.
 */
public enum GroupBy {
    /** By the incident's primary service (the first affected one). */
    SERVICE,
    /** By environment. */
    ENVIRONMENT,
    /** By incident severity. */
    SEVERITY,
    /** By owning team (empty when not triaged yet). */
    TEAM,
    /** By priority P1..P5 (empty when not known). */
    PRIORITY,
    /** By triage category (empty when not triaged yet). */
    CATEGORY,
    /** One group, key {@value #ALL_KEY}, over every incident. */
    NONE;

    /** Key of the single group when nothing is grouped. */
    public static final String ALL_KEY = "all";

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a {@code groupBy} parameter; absent or blank means {@link #NONE}.
     *
     * @throws ApiException {@code invalid_parameter} naming {@code groupBy} for anything else
     */
    public static GroupBy parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return NONE;
        }
        for (GroupBy g : values()) {
            if (g.json().equals(raw.strip().toLowerCase(Locale.ROOT))) {
                return g;
            }
        }
        throw ApiException.invalid(
                "groupBy",
                "groupBy must be one of "
                        + Arrays.stream(values())
                                .map(GroupBy::json)
                                .collect(Collectors.joining(", "))
                        + "; got '"
                        + raw
                        + "'");
    }
}
