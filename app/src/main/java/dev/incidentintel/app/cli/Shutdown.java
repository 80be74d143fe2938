package dev.incidentintel.app.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Keeps a long-running command alive until Ctrl-C (SIGINT/SIGTERM), then closes what it started
 * from the JVM's shutdown hook, so no child process or port is left behind.
 */
public final class Shutdown {
    private Shutdown() {}

    /** Closes {@code resource} at JVM shutdown and blocks the calling thread until then. */
    public static void closeOnExitAndWait(AutoCloseable resource) throws InterruptedException {
        closeOnExit(resource);
        new CountDownLatch(1).await();
    }

    /** Closes {@code resource} at JVM shutdown (idempotent resources only). */
    public static void closeOnExit(AutoCloseable resource) {
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    try {
                                        resource.close();
                                    } catch (Exception e) {
                                        System.err.println("while stopping: " + e);
                                    }
                                },
                                "incident-intel-shutdown"));
    }
}
