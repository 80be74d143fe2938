package dev.incidentintel.ingest.http;

import dev.incidentintel.ingest.ErrorCode;
import dev.incidentintel.ingest.IngestException;
import dev.incidentintel.ingest.service.Endpoint;
import dev.incidentintel.ingest.service.IngestOutcome;
import dev.incidentintel.ingest.service.IngestResult;
import dev.incidentintel.ingest.service.IngestService;
import dev.incidentintel.ingest.service.RequestMeta;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * {@code POST /api/v1/alerts/alertmanager}: the Alertmanager {@code webhook_config} target. HTTP
 * I/O only: reads the body within the size limit, hands it to {@link IngestService}, answers 202
 * with {@link IngestResult} once Kafka acknowledged. Errors are thrown as {@link IngestException}
 * and rendered by {@link IngestServer}'s exception mapping.
 */
public final class AlertmanagerController {
    /** The route of this controller. */
    public static final String PATH = "/api/v1/alerts/alertmanager";

    private final IngestService service;
    private final long maxBodyBytes;

    public AlertmanagerController(IngestService service, long maxBodyBytes) {
        this.service = Objects.requireNonNull(service, "service");
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Handles one webhook notification. */
    public void handle(Context ctx) {
        IngestOutcome outcome =
                service.ingest(
                        Endpoint.ALERTMANAGER,
                        readBody(ctx, maxBodyBytes),
                        RequestMeta.bearer(bearer(ctx)));
        ctx.status(HttpStatus.ACCEPTED)
                .json(new IngestResult(outcome.accepted(), outcome.fingerprints()));
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or null. Never logged. */
    static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return h.substring(7).trim();
        }
        // Anything else in Authorization counts as a presented but wrong credential.
        return h;
    }

    /**
     * Reads the request body, failing with 413 as soon as it exceeds {@code limit}: early from
     * Content-Length when the client sent one, otherwise while streaming (chunked bodies), so an
     * oversized body is never buffered whole.
     */
    static byte[] readBody(Context ctx, long limit) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            drain(ctx, limit);
            throw tooLarge(limit);
        }
        int initial = (int) Math.min(declared > 0 ? declared : 8192, Math.min(limit, 1 << 20));
        ByteArrayOutputStream out = new ByteArrayOutputStream(initial);
        byte[] buffer = new byte[8192];
        long total = 0;
        try (InputStream in = ctx.bodyInputStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > limit) {
                    drain(ctx, limit);
                    throw tooLarge(limit);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new IngestException(
                    ErrorCode.UNREADABLE_BODY, null, "request body could not be read", e);
        }
        return out.toByteArray();
    }

    /**
     * Reads and discards the rest of an oversized body (up to a bound) before the 413 is written.
     * Answering while the client is still sending makes the server close the connection with unread
     * input, and clients then often see a reset instead of the 413 (found by {@code FuzzIT}).
     * Bodies beyond the bound are not worth reading: those clients get the reset.
     */
    private static void drain(Context ctx, long limit) {
        long bound = Math.max(limit * 4, DRAIN_MIN_BYTES);
        byte[] buffer = new byte[8192];
        long read = 0;
        try {
            InputStream in = ctx.bodyInputStream();
            int n;
            while (read < bound && (n = in.read(buffer)) != -1) {
                read += n;
            }
        } catch (IOException e) {
            // The client gave up; nothing to answer anyway.
        }
    }

    /**
     * Oversized bodies up to this size (or 4x the limit) are drained so the client sees the 413.
     */
    static final long DRAIN_MIN_BYTES = 16L * 1024 * 1024;

    private static IngestException tooLarge(long limit) {
        return new IngestException(
                ErrorCode.PAYLOAD_TOO_LARGE,
                null,
                "request body is larger than the limit of " + limit + " bytes");
    }
}
