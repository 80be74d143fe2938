package dev.incidentintel.metricsapi.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the migration files on the classpath. Listing a directory does not work inside a jar, so
 * {@code db/migration/index.txt} names every file, one per line ({@code #} comments and blank lines
 * allowed); a unit test checks that the index and the directory agree.
 */
public final class MigrationScripts {
    /** Classpath folder holding the migrations and their index. */
    public static final String LOCATION = "db/migration";

    private MigrationScripts() {}

    /** All migrations listed in {@code db/migration/index.txt}, sorted by version. */
    public static List<Migration> fromClasspath() {
        return fromClasspath(MigrationScripts.class.getClassLoader(), LOCATION);
    }

    /** All migrations listed in {@code <location>/index.txt}, sorted by version. */
    public static List<Migration> fromClasspath(ClassLoader loader, String location) {
        String index = read(loader, location + "/index.txt");
        List<Migration> migrations = new ArrayList<>();
        for (String fileName : parseIndex(index)) {
            migrations.add(Migration.of(fileName, read(loader, location + "/" + fileName)));
        }
        return ordered(migrations);
    }

    /** File names listed in an index text, in the order given. */
    public static List<String> parseIndex(String index) {
        List<String> names = new ArrayList<>();
        for (String line : index.split("\\R")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                names.add(trimmed);
            }
        }
        return names;
    }

    /**
     * Sorts by version and rejects two files with the same version, which would make the applied
     * order ambiguous.
     */
    public static List<Migration> ordered(List<Migration> migrations) {
        Map<Integer, String> seen = new HashMap<>();
        for (Migration m : migrations) {
            String previous = seen.putIfAbsent(m.version(), m.fileName());
            if (previous != null) {
                throw new IllegalStateException(
                        "migration version "
                                + m.version()
                                + " is used twice: "
                                + previous
                                + ", "
                                + m.fileName());
            }
        }
        List<Migration> sorted = new ArrayList<>(migrations);
        sorted.sort(Comparator.comparingInt(Migration::version));
        return List.copyOf(sorted);
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource missing: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + resource, e);
        }
    }
}
