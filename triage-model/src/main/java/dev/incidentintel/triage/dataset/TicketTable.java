package dev.incidentintel.triage.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentintel.triage.TriageException;
import dev.incidentintel.triage.TriageInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rows of a ticket file: CSV (RFC 4180 quoting, header row) or NDJSON (one JSON object per line,
 * {@code .ndjson}/{@code .jsonl}/{@code .json}). Values are kept as strings.
 *
 * @param columns column names in file order
 * @param rows one map per row
 */
public record TicketTable(List<String> columns, List<Map<String, String>> rows) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public TicketTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** Reads {@code file}, choosing the format by its extension. */
    public static TicketTable read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return name.endsWith(".ndjson") || name.endsWith(".jsonl") || name.endsWith(".json")
                    ? readNdjson(r)
                    : readCsv(r);
        } catch (IOException e) {
            throw new TriageException("data", "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static TicketTable readCsv(Reader r) throws IOException {
        List<List<String>> records = parseCsv(r);
        if (records.isEmpty()) {
            throw new TriageException("data", "CSV has no header row");
        }
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> rec = records.get(i);
            if (rec.size() == 1 && rec.get(0).isEmpty()) {
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), c < rec.size() ? rec.get(c) : "");
            }
            rows.add(row);
        }
        return new TicketTable(header, rows);
    }

    static TicketTable readNdjson(BufferedReader r) throws IOException {
        LinkedHashSet<String> cols = new LinkedHashSet<>();
        List<Map<String, String>> rows = new ArrayList<>();
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                throw new TriageException(
                        "data", "line " + n + " is not JSON: " + e.getMessage(), e);
            }
            if (!node.isObject()) {
                throw new TriageException("data", "line " + n + " is not a JSON object");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode v = f.getValue();
                row.put(f.getKey(), v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString());
                cols.add(f.getKey());
            }
            rows.add(row);
        }
        return new TicketTable(new ArrayList<>(cols), rows);
    }

    private static List<List<String>> parseCsv(Reader r) throws IOException {
        List<List<String>> out = new ArrayList<>();
        List<String> rec = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int c;
        while ((c = r.read()) != -1) {
            any = true;
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    r.mark(1);
                    int next = r.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next != -1) {
                            r.reset();
                        }
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.length() == 0) {
                quoted = true;
            } else if (ch == ',') {
                rec.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r') {
                    r.mark(1);
                    if (r.read() != '\n') {
                        r.reset();
                    }
                }
                rec.add(field.toString());
                field.setLength(0);
                out.add(rec);
                rec = new ArrayList<>();
                any = false;
            } else {
                field.append(ch);
            }
        }
        if (any) {
            rec.add(field.toString());
            out.add(rec);
        }
        return out;
    }

    /** Fails naming the first column that the file lacks. */
    public void requireColumns(List<String> names) {
        for (String n : names) {
            if (!columns.contains(n)) {
                throw new TriageException(
                        n, "column '" + n + "' not found; columns are " + columns);
            }
        }
    }

    /** Inputs whose title is the first text column and description the others joined by a space. */
    public List<TriageInput> inputs(List<String> textCols) {
        requireColumns(textCols);
        List<TriageInput> out = new ArrayList<>(rows.size());
        for (Map<String, String> row : rows) {
            StringBuilder desc = new StringBuilder();
            for (int i = 1; i < textCols.size(); i++) {
                if (i > 1) {
                    desc.append(' ');
                }
                desc.append(row.getOrDefault(textCols.get(i), ""));
            }
            out.add(TriageInput.ofText(row.getOrDefault(textCols.get(0), ""), desc.toString()));
        }
        return out;
    }

    /** The values of one column. */
    public List<String> column(String name) {
        requireColumns(List.of(name));
        List<String> out = new ArrayList<>(rows.size());
        for (Map<String, String> row : rows) {
            out.add(row.get(name));
        }
        return out;
    }
}
