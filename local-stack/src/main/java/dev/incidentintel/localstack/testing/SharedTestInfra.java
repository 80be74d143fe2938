package dev.incidentintel.localstack.testing;

import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.LocalKafka;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * One Kafka broker and one ClickHouse server per test JVM, shared by every integration test in it.
 *
 * <p>Both start lazily on first use under {@code ${java.io.tmpdir}/incident-intel-it-<pid>/} and
 * are stopped by a single JVM shutdown hook (ClickHouse first, then Kafka). Tests isolate
 * themselves by name, not by server: use {@link #uniqueName(String)} for every topic and database.
 * Lives in main code so other modules can use it from their test scope.
 */
public final class SharedTestInfra {

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** Random per JVM so that names from concurrent test JVMs on one server never collide. */
    private static final String JVM_TAG =
            Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);

    private static LocalKafka kafka;
    private static LocalClickHouse clickHouse;
    private static boolean hookRegistered;

    private SharedTestInfra() {}

    /** The shared broker, started on first call. */
    public static synchronized LocalKafka kafka() {
        if (kafka == null) {
            registerHook();
            kafka = LocalKafka.start(baseDir().resolve("kafka"));
        }
        return kafka;
    }

    /** The shared ClickHouse server, started on first call. */
    public static synchronized LocalClickHouse clickHouse() {
        if (clickHouse == null) {
            registerHook();
            clickHouse = LocalClickHouse.start(baseDir().resolve("clickhouse"));
        }
        return clickHouse;
    }

    /**
     * {@code prefix + "_" + suffix}, unique within this JVM and very likely across JVMs; valid both
     * as a ClickHouse identifier and as a Kafka topic name.
     *
     * @param prefix letters, digits and underscores, not starting with a digit
     */
    public static String uniqueName(String prefix) {
        Objects.requireNonNull(prefix, "prefix must not be null");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    "prefix must match [A-Za-z_][A-Za-z0-9_]* but was '" + prefix + "'");
        }
        String name = prefix + "_" + JVM_TAG + "_" + Long.toString(SEQUENCE.incrementAndGet(), 36);
        // Kafka topic names are limited to 249 characters.
        if (name.length() > 200) {
            throw new IllegalArgumentException(
                    "prefix is too long (" + prefix.length() + " characters)");
        }
        return name;
    }

    private static Path baseDir() {
        return Path.of(System.getProperty("java.io.tmpdir"))
                .resolve("incident-intel-it-" + ProcessHandle.current().pid());
    }

    private static void registerHook() {
        if (hookRegistered) {
            return;
        }
        hookRegistered = true;
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(SharedTestInfra::stopAll, "shared-test-infra-shutdown"));
    }

    private static synchronized void stopAll() {
        if (clickHouse != null) {
            clickHouse.close();
            clickHouse = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }
}
