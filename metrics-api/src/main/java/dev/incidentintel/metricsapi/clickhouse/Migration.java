package dev.incidentintel.metricsapi.clickhouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One schema migration file, {@code V<NNN>__<name>.sql}. Statements are separated by lines that
 * hold only {@code ;} (ClickHouse's HTTP interface takes one statement per request); the last
 * statement needs no separator. The checksum covers the whole file with line endings normalised to
 * {@code \n}, so a Windows checkout does not look like an edited migration while any real edit
 * (comments included) does.
 *
 * @param version the number after {@code V}; unique and positive
 * @param name the part after {@code __}, without {@code .sql}
 * @param fileName the resource file name
 * @param content the file text
 */
public record Migration(int version, String name, String fileName, String content) {
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d{1,9})__([A-Za-z0-9_]+)\\.sql");

    public Migration {
        if (version <= 0) {
            throw new IllegalArgumentException("version must be positive, got " + version);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required (file " + fileName + ")");
        }
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
    }

    /** Builds a migration from its file name ({@code V001__base_tables.sql}) and text. */
    public static Migration of(String fileName, String content) {
        Matcher m = FILE_NAME.matcher(fileName == null ? "" : fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "migration file name must look like V001__some_name.sql, got '"
                            + fileName
                            + "'");
        }
        return new Migration(Integer.parseInt(m.group(1)), m.group(2), fileName, content);
    }

    /** Hex SHA-256 of the content with {@code \r\n} and {@code \r} normalised to {@code \n}. */
    public String checksum() {
        String normalised = content.replace("\r\n", "\n").replace('\r', '\n');
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of()
                    .formatHex(sha.digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }

    /**
     * The statements to execute, in file order. Comment-only lines are dropped (the legacy driver
     * inspects a statement's first token to decide how to send it) and empty statements are
     * skipped.
     */
    public List<String> statements() {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : content.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            String trimmed = line.trim();
            if (trimmed.equals(";")) {
                addIfPresent(statements, current);
                current.setLength(0);
            } else if (!trimmed.startsWith("--")) {
                current.append(line).append('\n');
            }
        }
        addIfPresent(statements, current);
        return List.copyOf(statements);
    }

    private static void addIfPresent(List<String> statements, StringBuilder sql) {
        String statement = sql.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
    }
}
