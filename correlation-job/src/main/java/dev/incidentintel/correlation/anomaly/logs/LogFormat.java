package dev.incidentintel.correlation.anomaly.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A log line layout in the notation of the Loghub / logparser benchmark, e.g. {@code <Date> <Time>
 * <Level> <Component>: <Content>}: each {@code <Name>} is a field, the text in between is a regular
 * expression fragment (spaces match any run of whitespace). Used to strip the header (timestamp,
 * level, component) before template mining, as the benchmark does.
 */
public final class LogFormat {
    private static final Pattern FIELD = Pattern.compile("<([^<>]+)>");
    private final String format;
    private final Pattern pattern;
    private final List<String> fields;

    private LogFormat(String format, Pattern pattern, List<String> fields) {
        this.format = format;
        this.pattern = pattern;
        this.fields = fields;
    }

    /** Compiles {@code format}; it must contain a {@code <Content>} field. */
    public static LogFormat of(String format) {
        if (format == null || !format.contains("<Content>")) {
            throw new IllegalArgumentException("format must contain <Content>, was " + format);
        }
        StringBuilder regex = new StringBuilder("^");
        List<String> fields = new ArrayList<>();
        Matcher m = FIELD.matcher(format);
        int last = 0;
        while (m.find()) {
            regex.append(format.substring(last, m.start()).replaceAll(" +", "\\\\s+"));
            fields.add(m.group(1));
            regex.append("(?<").append(m.group(1)).append(">.*?)");
            last = m.end();
        }
        regex.append(format.substring(last).replaceAll(" +", "\\\\s+")).append('$');
        return new LogFormat(format, Pattern.compile(regex.toString()), List.copyOf(fields));
    }

    /** A format that takes the whole line as content. */
    public static LogFormat wholeLine() {
        return of("<Content>");
    }

    /**
     * The message part of {@code line}, or the whole line (trimmed) when it does not match the
     * layout.
     */
    public String content(String line) {
        Matcher m = pattern.matcher(line);
        if (m.matches()) {
            return m.group("Content");
        }
        return line.strip();
    }

    /** True when {@code line} matches this layout. */
    public boolean matches(String line) {
        return pattern.matcher(line).matches();
    }

    /** Field names in order. */
    public List<String> fields() {
        return fields;
    }

    @Override
    public String toString() {
        return format;
    }
}
