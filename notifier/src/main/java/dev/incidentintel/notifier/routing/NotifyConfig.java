package dev.incidentintel.notifier.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.incidentintel.notifier.delivery.RetryPolicy;
import dev.incidentintel.notifier.delta.Change;
import dev.incidentintel.notifier.delta.DeltaPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The notifier's configuration ({@code --notify-config FILE}, YAML or JSON; example in {@code
 * notifier/notify.sample.yaml}): the incident link template, the material changes, and the channels
 * with their rules. Secrets can be given by environment variable name ({@code secretEnv}, {@code
 * routingKeyEnv}) to keep them out of the file.
 *
 * @param incidentUrl link template; {@code {id}} is replaced by the incident id
 * @param material changes notified between open and resolve
 * @param channels channels, unique names
 */
public record NotifyConfig(String incidentUrl, Set<Change> material, List<ChannelConfig> channels) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public NotifyConfig {
        incidentUrl = incidentUrl == null ? "" : incidentUrl;
        material = material.isEmpty() ? EnumSet.noneOf(Change.class) : EnumSet.copyOf(material);
        channels = List.copyOf(channels);
        Set<String> names = new HashSet<>();
        for (ChannelConfig c : channels) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("channel name '" + c.name() + "' is used twice");
            }
        }
    }

    /** The link to one incident. */
    public String linkTo(String incidentId) {
        return incidentUrl.replace(
                "{id}",
                java.net.URLEncoder.encode(incidentId, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The delta policy of this configuration. */
    public DeltaPolicy policy() {
        return new DeltaPolicy(material);
    }

    /** Reads a configuration file; {@code env} resolves {@code *Env} secrets. */
    public static NotifyConfig load(Path file, Map<String, String> env) {
        try {
            return parse(YAML.readTree(Files.readString(file)), env);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read notify config " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("notify config " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a configuration tree (YAML or JSON). */
    public static NotifyConfig parse(JsonNode root, Map<String, String> env) {
        Set<Change> material = EnumSet.noneOf(Change.class);
        if (root.has("material")) {
            for (String m : strings(root.get("material"))) {
                material.add(Change.parse(m));
            }
        } else {
            material.addAll(DeltaPolicy.DEFAULT_MATERIAL);
        }
        List<ChannelConfig> channels = new ArrayList<>();
        int i = 0;
        for (JsonNode c : root.path("channels")) {
            try {
                channels.add(channel(c, env));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("channels[" + i + "]: " + e.getMessage(), e);
            }
            i++;
        }
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("no channels configured");
        }
        return new NotifyConfig(root.path("incidentUrl").asText(""), material, channels);
    }

    private static ChannelConfig channel(JsonNode c, Map<String, String> env) {
        String name = required(c, "name");
        List<QuietHours> quiet = new ArrayList<>();
        for (JsonNode q : c.path("quietHours")) {
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (String d : strings(q.path("days"))) {
                days.add(day(d));
            }
            quiet.add(
                    new QuietHours(
                            days,
                            LocalTime.parse(required(q, "start")),
                            LocalTime.parse(required(q, "end")),
                            ZoneId.of(q.path("zone").asText("UTC")),
                            q.has("unless") ? match(q.get("unless")) : null));
        }
        List<MaintenanceWindow> maintenance = new ArrayList<>();
        for (JsonNode m : c.path("maintenance")) {
            maintenance.add(
                    new MaintenanceWindow(
                            m.path("name").asText("maintenance"),
                            Instant.parse(required(m, "from")),
                            Instant.parse(required(m, "to")),
                            match(m.path("match"))));
        }
        RateLimit rate =
                c.has("rateLimit")
                        ? new RateLimit(
                                c.get("rateLimit").path("max").asInt(0),
                                Duration.parse(required(c.get("rateLimit"), "per")))
                        : null;
        RetryPolicy retry = RetryPolicy.defaults();
        if (c.has("retry")) {
            JsonNode r = c.get("retry");
            retry =
                    new RetryPolicy(
                            r.path("maxAttempts").asInt(retry.maxAttempts()),
                            Duration.parse(
                                    r.path("initialBackoff")
                                            .asText(retry.initialBackoff().toString())),
                            Duration.parse(
                                    r.path("maxBackoff").asText(retry.maxBackoff().toString())));
        }
        Duration timeout = c.has("timeout") ? Duration.parse(c.get("timeout").asText()) : null;
        return new ChannelConfig(
                name,
                ChannelKind.parse(required(c, "kind")),
                URI.create(required(c, "url")),
                secret(c, "secret", env),
                secret(c, "routingKey", env),
                match(c.path("match")),
                quiet,
                maintenance,
                rate,
                retry,
                timeout);
    }

    private static RouteMatch match(JsonNode m) {
        return new RouteMatch(
                strings(m.path("environments")),
                strings(m.path("services")),
                strings(m.path("teams")),
                strings(m.path("priorities")),
                strings(m.path("categories")),
                strings(m.path("severities")));
    }

    private static String secret(JsonNode c, String field, Map<String, String> env) {
        if (c.has(field + "Env")) {
            String var = c.get(field + "Env").asText();
            String value = env.get(var);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(
                        field + "Env names " + var + ", which is not set");
            }
            return value;
        }
        return c.path(field).asText("");
    }

    private static String required(JsonNode node, String field) {
        String v = node.path(field).asText("");
        if (v.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        return v;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        }
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static DayOfWeek day(String d) {
        String upper = Objects.requireNonNull(d).strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek w : DayOfWeek.values()) {
            if (w.name().startsWith(upper) && upper.length() >= 3) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown day '" + d + "' (MON..SUN)");
    }
}
