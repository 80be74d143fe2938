package dev.incidentintel.correlation.correlate;

import dev.incidentintel.events.Severity;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Count-gated incident creation, per severity: an incident whose (highest) severity has a rule is
 * held back (not emitted) until it has {@code alerts} member alerts or {@code wait} has passed
 * since its first alert, whichever comes first; alerts still join it meanwhile. No rule (the
 * default): incidents open on their first alert. The wait always ends the hold, so no alert waits
 * longer than it and none is left unlinked.
 *
 * @param rules severity to rule
 */
public record CreationGate(Map<Severity, Rule> rules) implements Serializable {

    /**
     * @param alerts open once the incident has this many member alerts (>= 2)
     * @param within open at the latest this long after the first alert (event time, > 0)
     */
    public record Rule(int alerts, Duration within) implements Serializable {
        public Rule {
            if (alerts < 2 || within == null || within.isNegative() || within.isZero()) {
                throw new IllegalArgumentException(
                        "a creation gate needs alerts >= 2 and a positive wait, got "
                                + alerts
                                + ", "
                                + within);
            }
        }
    }

    public CreationGate {
        rules = rules == null || rules.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(rules));
    }

    /** No gate: every incident opens on its first alert. */
    public static CreationGate off() {
        return new CreationGate(Map.of());
    }

    /** The rule for a severity, or null when incidents of that severity open at once. */
    public Rule ruleFor(Severity severity) {
        return rules.get(severity);
    }

    /** True when an incident of this severity, first alert at {@code first}, may open now. */
    public boolean opens(Severity severity, int alerts, Instant first, Instant now) {
        Rule r = ruleFor(severity);
        return r == null || alerts >= r.alerts() || !now.isBefore(first.plus(r.within()));
    }

    /**
     * Reads {@code gate.<severity>.alerts} and {@code gate.<severity>.wait} (severity in lower
     * case, e.g. {@code gate.warning.alerts=3}, {@code gate.warning.wait=PT5M}); both or neither
     * per severity.
     */
    public static CreationGate of(Properties p) {
        Map<Severity, Rule> rules = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            String prefix = "gate." + s.name().toLowerCase(Locale.ROOT) + ".";
            String alerts = p.getProperty(prefix + "alerts");
            String wait = p.getProperty(prefix + "wait");
            if (alerts == null && wait == null) {
                continue;
            }
            if (alerts == null || wait == null) {
                throw new IllegalArgumentException(
                        prefix + "alerts and " + prefix + "wait must be set together");
            }
            rules.put(s, new Rule(Integer.parseInt(alerts.strip()), Duration.parse(wait.strip())));
        }
        return new CreationGate(rules);
    }

    /** The inverse of {@link #of(Properties)}. */
    public Properties toProperties() {
        Properties p = new Properties();
        rules.forEach(
                (s, r) -> {
                    String prefix = "gate." + s.name().toLowerCase(Locale.ROOT) + ".";
                    p.setProperty(prefix + "alerts", Integer.toString(r.alerts()));
                    p.setProperty(prefix + "wait", r.within().toString());
                });
        return p;
    }
}
