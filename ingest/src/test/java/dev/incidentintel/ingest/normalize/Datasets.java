package dev.incidentintel.ingest.normalize;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Access to the shared payload datasets, relative to the module directory. */
public final class Datasets {
    /** Root of the shared alert payload examples. */
    public static final Path ALERT_PAYLOADS = Path.of("../../shared/datasets/alert_payloads");

    private Datasets() {}

    /**
     * Bytes of {@code relative} under {@link #ALERT_PAYLOADS}; fails plainly when the folder is
     * absent.
     */
    public static byte[] alertPayload(String relative) {
        if (!Files.isDirectory(ALERT_PAYLOADS)) {
            fail("shared datasets folder missing: " + ALERT_PAYLOADS.toAbsolutePath().normalize());
        }
        Path file = ALERT_PAYLOADS.resolve(relative);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dataset file " + file, e);
        }
    }
}
