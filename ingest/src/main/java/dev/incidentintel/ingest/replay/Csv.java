package dev.incidentintel.ingest.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RFC 4180 CSV reader: comma separated, fields optionally in double quotes with {@code
 * ""} as an escaped quote, quoted fields may span lines. Enough for ServiceNow exports without a
 * dependency.
 */
public final class Csv {
    private final BufferedReader in;
    private long line;

    public Csv(BufferedReader in) {
        this.in = in;
    }

    /** The 1-based line number where the last record returned by {@link #next()} ended. */
    public long line() {
        return line;
    }

    /** The next record, or null at the end of input. */
    public List<String> next() {
        try {
            String text = in.readLine();
            if (text == null) {
                return null;
            }
            line++;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int i = 0;
            while (true) {
                if (i >= text.length()) {
                    if (quoted) {
                        // A quoted field continues on the next physical line.
                        String more = in.readLine();
                        if (more == null) {
                            throw new IllegalArgumentException(
                                    "line " + line + ": unterminated quoted field");
                        }
                        line++;
                        field.append('\n');
                        text = more;
                        i = 0;
                        continue;
                    }
                    fields.add(field.toString());
                    return fields;
                }
                char c = text.charAt(i++);
                if (quoted) {
                    if (c == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        field.append(c);
                    }
                } else if (c == '"' && field.length() == 0) {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c != '\r' || i < text.length()) {
                    field.append(c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
