package dev.incidentintel.triage.runbook;

import dev.incidentintel.triage.TriageException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Maps categories and alert names to runbooks in a directory. An optional {@code
 * runbooks.properties} in the directory maps {@code alert.<AlertName>=file} and {@code
 * category.<label>=file}; without an entry, a file whose name without extension equals the alert
 * name or category (ignoring case) is used. Alert names win over the category because they are more
 * specific.
 */
public final class RunbookDirectory {
    /** The mapping file inside a runbook directory. */
    public static final String MAPPING = "runbooks.properties";

    private final Path dir;
    private final Map<String, Path> byAlert = new LinkedHashMap<>();
    private final Map<String, Path> byCategory = new LinkedHashMap<>();
    private final Map<String, Path> byBaseName = new LinkedHashMap<>();

    private RunbookDirectory(Path dir) {
        this.dir = dir;
    }

    /** Reads the directory's mapping and file names. */
    public static RunbookDirectory load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new TriageException("runbooks", "runbook directory missing: " + dir);
        }
        RunbookDirectory r = new RunbookDirectory(dir);
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals(MAPPING))
                    .sorted()
                    .forEach(f -> r.byBaseName.putIfAbsent(key(baseName(f)), f));
            Path mapping = dir.resolve(MAPPING);
            if (Files.exists(mapping)) {
                Properties p = new Properties();
                try (Reader in = Files.newBufferedReader(mapping)) {
                    p.load(in);
                }
                for (String name : p.stringPropertyNames()) {
                    Path target = dir.resolve(p.getProperty(name).trim()).normalize();
                    if (!target.startsWith(dir.normalize()) || !Files.isRegularFile(target)) {
                        throw new TriageException(
                                name,
                                "runbook for " + name + " not found in " + dir + ": " + target);
                    }
                    if (name.startsWith("alert.")) {
                        r.byAlert.put(key(name.substring(6)), target);
                    } else if (name.startsWith("category.")) {
                        r.byCategory.put(key(name.substring(9)), target);
                    } else {
                        throw new TriageException(
                                name, "expected alert.<name> or category.<label> in " + mapping);
                    }
                }
            }
        } catch (IOException e) {
            throw new TriageException("runbooks", "cannot read " + dir + ": " + e.getMessage(), e);
        }
        return r;
    }

    /** The runbook for the first alert name that has one, else for the category. */
    public Optional<Runbook> suggest(String category, Collection<String> alertNames) {
        for (String a : alertNames) {
            Path p = byAlert.getOrDefault(key(a), byBaseName.get(key(a)));
            if (p != null) {
                return Optional.of(new Runbook(dir.relativize(p).toString(), "alert " + a));
            }
        }
        if (category != null) {
            Path p = byCategory.getOrDefault(key(category), byBaseName.get(key(category)));
            if (p != null) {
                return Optional.of(
                        new Runbook(dir.relativize(p).toString(), "category " + category));
            }
        }
        return Optional.empty();
    }

    private static String key(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }

    private static String baseName(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /**
     * A suggested runbook.
     *
     * @param path path relative to the runbook directory
     * @param matchedBy what selected it ({@code alert X} or {@code category Y})
     */
    public record Runbook(String path, String matchedBy) {}
}
