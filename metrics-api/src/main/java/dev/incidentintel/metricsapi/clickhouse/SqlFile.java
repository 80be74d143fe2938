package dev.incidentintel.metricsapi.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A query kept as a classpath resource {@code sql/<name>.sql}, so the same text can be read,
 * reviewed and reused by dashboards. Every file must begin with a {@code -- Metric:} comment that
 * says what it computes and links docs/METRICS.md; loading fails otherwise.
 *
 * <p>Values are always bound as JDBC parameters ({@code ?}). The only text substitution is for
 * {@code {{placeholder}}} markers, which callers fill from fixed whitelists (for example the
 * group-by column), never from request input.
 *
 * <p>Files may name their parameters ({@code :from_ms}, {@code :service}) instead of using
 * positional {@code ?}: {@link #bind} turns each name into a {@code ?} and lists the values in
 * order, so a file can use one value several times without the caller counting positions.
 */
public final class SqlFile {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

    private final String name;
    private final String text;

    private SqlFile(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** Loads {@code sql/<name>.sql} and checks its header. */
    public static SqlFile load(String name) {
        String resource = "sql/" + name + ".sql";
        try (InputStream in = SqlFile.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource missing: " + resource);
            }
            return of(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * A query from text; fails unless it starts with a {@code -- Metric:} line linking the docs.
     */
    public static SqlFile of(String name, String text) {
        Objects.requireNonNull(text, "text");
        String firstLine = text.strip().lines().findFirst().orElse("");
        if (!firstLine.startsWith("-- Metric:")) {
            throw new IllegalStateException(
                    "sql/" + name + ".sql must begin with a '-- Metric:' comment");
        }
        String header =
                text.strip().lines().takeWhile(l -> l.startsWith("--")).reduce("", String::concat);
        if (!header.contains("docs/METRICS.md")) {
            throw new IllegalStateException(
                    "sql/" + name + ".sql: its header comment must link docs/METRICS.md");
        }
        return new SqlFile(name, text);
    }

    public String name() {
        return name;
    }

    /** The file text as stored, comments included. */
    public String text() {
        return text;
    }

    /** The statement to prepare; only valid for files without placeholders. */
    public String sql() {
        return render(Map.of());
    }

    /**
     * The statement to prepare with every {@code {{placeholder}}} replaced. Comment-only lines are
     * dropped: the driver's parameter scanner is not guaranteed to skip {@code ?} or quotes inside
     * comments.
     *
     * @throws IllegalStateException when a placeholder has no value
     */
    public String render(Map<String, String> placeholders) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\\R")) {
            if (!line.strip().startsWith("--")) {
                out.append(line).append('\n');
            }
        }
        Matcher m = PLACEHOLDER.matcher(out.toString());
        StringBuilder rendered = new StringBuilder();
        while (m.find()) {
            String value = placeholders.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException(
                        "sql/" + name + ".sql: no value for {{" + m.group(1) + "}}");
            }
            m.appendReplacement(rendered, Matcher.quoteReplacement(value));
        }
        m.appendTail(rendered);
        return rendered.toString().strip();
    }

    /**
     * A statement ready to prepare: positional SQL and the values for its {@code ?} in order.
     *
     * @param sql the rendered text with every {@code :name} replaced by {@code ?}
     * @param values one value per {@code ?}, in order
     */
    public record Bound(String sql, List<Object> values) {
        public Bound {
            Objects.requireNonNull(sql, "sql");
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    /**
     * Renders placeholders, then replaces every {@code :name} parameter (outside string literals)
     * by {@code ?}, collecting its value from {@code params}.
     *
     * @throws IllegalStateException when a named parameter has no value
     */
    public Bound bind(Map<String, String> placeholders, Map<String, ?> params) {
        String rendered = render(placeholders);
        StringBuilder sql = new StringBuilder(rendered.length());
        List<Object> values = new ArrayList<>();
        boolean inString = false;
        for (int i = 0; i < rendered.length(); i++) {
            char ch = rendered.charAt(i);
            if (inString) {
                sql.append(ch);
                if (ch == '\\' && i + 1 < rendered.length()) {
                    sql.append(rendered.charAt(++i));
                } else if (ch == '\'') {
                    inString = false;
                }
                continue;
            }
            if (ch == '\'') {
                inString = true;
                sql.append(ch);
                continue;
            }
            if (ch == ':' && i + 1 < rendered.length() && isNameStart(rendered.charAt(i + 1))) {
                int end = i + 1;
                while (end < rendered.length() && isNamePart(rendered.charAt(end))) {
                    end++;
                }
                String param = rendered.substring(i + 1, end);
                if (!params.containsKey(param)) {
                    throw new IllegalStateException("sql/" + name + ".sql: no value for :" + param);
                }
                values.add(params.get(param));
                sql.append('?');
                i = end - 1;
                continue;
            }
            sql.append(ch);
        }
        return new Bound(sql.toString(), values);
    }

    private static boolean isNameStart(char ch) {
        return ch >= 'a' && ch <= 'z';
    }

    private static boolean isNamePart(char ch) {
        return isNameStart(ch) || ch == '_' || (ch >= '0' && ch <= '9');
    }
}
