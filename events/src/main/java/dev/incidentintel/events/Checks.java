package dev.incidentintel.events;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Validation helpers shared by the compact constructors of the canonical records. */
final class Checks {
    private Checks() {}

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidEventException(field, field + " is required");
        }
        return value;
    }

    static String requiredText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(field, field + " is required and must not be blank");
        }
        return value;
    }

    static String textOrEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Copies into an immutable map sorted by key, so JSON and fingerprints are deterministic. */
    static Map<String, String> sortedCopy(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        TreeMap<String, String> copy = new TreeMap<>();
        map.forEach(
                (k, v) -> {
                    if (k != null && v != null) {
                        copy.put(k, v);
                    }
                });
        return Collections.unmodifiableMap(copy);
    }

    static <T> List<T> listCopy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
