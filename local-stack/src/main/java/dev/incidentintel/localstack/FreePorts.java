package dev.incidentintel.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Picks free TCP ports on the loopback interface for services that must be told their port up front
 * (ClickHouse reads it from its config file; a KRaft controller stores its endpoint in the quorum).
 *
 * <p>There is an unavoidable window between closing the probe socket and the service binding the
 * port; callers that picked ports automatically retry with new ones when the bind fails.
 */
public final class FreePorts {

    private FreePorts() {}

    /** Returns {@code count} distinct ports that were free on 127.0.0.1 a moment ago. */
    public static int[] pick(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1 but was " + count);
        }
        Set<Integer> seen = new HashSet<>();
        int[] ports = new int[count];
        int i = 0;
        while (i < count) {
            int port = pickOne();
            if (seen.add(port)) {
                ports[i++] = port;
            }
        }
        return ports;
    }

    /** Returns one port that was free on 127.0.0.1 a moment ago. */
    public static int pickOne() {
        try (ServerSocket socket = new ServerSocket()) {
            // No SO_REUSEADDR: a port still in TIME_WAIT would make the real bind fail later.
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }

    /** True when nothing listens on {@code port} at 127.0.0.1 (a bind there succeeds). */
    public static boolean isFree(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535 but was " + port);
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void checkPort(String field, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(
                    field + " must be 0 (pick a free port) or 1..65535 but was " + port);
        }
    }
}
