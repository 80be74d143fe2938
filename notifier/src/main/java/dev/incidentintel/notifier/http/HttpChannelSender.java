package dev.incidentintel.notifier.http;

import dev.incidentintel.notifier.delivery.AttemptResult;
import dev.incidentintel.notifier.delivery.ChannelSender;
import dev.incidentintel.notifier.delivery.Delivery;
import dev.incidentintel.notifier.delivery.NotifierException;
import dev.incidentintel.notifier.delivery.Outcome;
import dev.incidentintel.notifier.delivery.RetryAfter;
import dev.incidentintel.notifier.routing.ChannelConfig;
import dev.incidentintel.notifier.routing.ChannelKind;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts rendered notifications with {@code java.net.http}, one attempt per the channel's timeout,
 * retrying per its {@link dev.incidentintel.notifier.delivery.RetryPolicy} (backoff with jitter,
 * {@code Retry-After} honoured, no retry on 4xx other than 408/425/429). Every request carries
 * {@value #IDEMPOTENCY_HEADER}; webhooks with a secret also carry {@link WebhookSignature#HEADER}.
 * Blocks the calling thread while it waits between attempts; an interrupt ends the delivery with
 * {@link NotifierException} (the notification stays pending).
 */
public final class HttpChannelSender implements ChannelSender {
    /**
     * Lets receivers drop a duplicate after a notifier crash between their answer and our record.
     */
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private static final Logger LOG = LoggerFactory.getLogger(HttpChannelSender.class);

    private final HttpClient client;
    private final Clock clock;
    private final Random random;

    public HttpChannelSender(Clock clock, Random random) {
        this.client =
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        this.clock = clock;
        this.random = random;
    }

    /** A sender on the system clock with an unseeded jitter source. */
    public static HttpChannelSender create() {
        return new HttpChannelSender(Clock.systemUTC(), new Random());
    }

    @Override
    public Delivery send(ChannelConfig channel, String idempotencyKey, String body) {
        int attempts = 0;
        while (true) {
            attempts++;
            AttemptResult result = attempt(channel, idempotencyKey, body);
            if (result.succeeded()) {
                return new Delivery(Outcome.SENT, attempts, result.status(), "");
            }
            Optional<Duration> delay =
                    channel.retry().nextDelay(attempts, result, random.nextDouble());
            if (delay.isEmpty()) {
                LOG.warn(
                        "notification {} to {} dead-lettered after {} attempt(s): {}",
                        idempotencyKey,
                        channel.name(),
                        attempts,
                        result.error());
                return new Delivery(Outcome.DEAD_LETTER, attempts, result.status(), result.error());
            }
            LOG.info(
                    "notification {} to {}: {}; retrying in {}",
                    idempotencyKey,
                    channel.name(),
                    result.error(),
                    delay.get());
            try {
                Thread.sleep(delay.get().toMillis());
            } catch (InterruptedException e) {
                // Stopping: the row stays pending and a restarted notifier delivers it.
                Thread.currentThread().interrupt();
                throw new NotifierException(
                        "interrupted while waiting to retry " + idempotencyKey, e);
            }
        }
    }

    private AttemptResult attempt(ChannelConfig channel, String idempotencyKey, String body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(channel.endpoint())
                        .timeout(channel.timeout())
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "incident-intel-notifier")
                        .header(IDEMPOTENCY_HEADER, idempotencyKey)
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (channel.kind() == ChannelKind.WEBHOOK && !channel.secret().isEmpty()) {
            request.header(
                    WebhookSignature.HEADER,
                    WebhookSignature.sign(
                            channel.secret(), clock.instant().getEpochSecond(), body));
        }
        try {
            HttpResponse<String> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            String error =
                    status >= 200 && status < 300
                            ? ""
                            : "HTTP " + status + ": " + abbreviate(response.body());
            return AttemptResult.answered(
                    status,
                    RetryAfter.parse(
                            response.headers().firstValue("Retry-After").orElse(null),
                            clock.instant()),
                    error);
        } catch (HttpTimeoutException e) {
            return AttemptResult.noAnswer("timeout after " + channel.timeout());
        } catch (IOException e) {
            return AttemptResult.noAnswer("connection failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotifierException("interrupted while sending " + idempotencyKey, e);
        }
    }

    private static String abbreviate(String s) {
        String oneLine = s == null ? "" : s.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
