package dev.incidentintel.triage;

import java.io.PrintStream;

/**
 * A text progress bar for the command line ({@code cv category maxent [#####.....] 3/5}), one line
 * per step, redrawn with a carriage return. Writes to the stream it is given (stderr in the CLI, so
 * {@code --json} output on stdout stays clean).
 */
public final class ConsoleProgress implements ProgressListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private String current;
    private final long start = System.nanoTime();

    public ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void progress(String step, int done, int total) {
        if (current != null && !current.equals(step)) {
            out.println();
        }
        current = step;
        int filled = total <= 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        out.printf(
                "\r%-32s [%s%s] %d/%d  %.1fs",
                step,
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                done,
                total,
                (System.nanoTime() - start) / 1e9);
        if (done >= total) {
            out.println();
            current = null;
        }
        out.flush();
    }
}
