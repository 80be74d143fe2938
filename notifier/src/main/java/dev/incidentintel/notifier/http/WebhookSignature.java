package dev.incidentintel.notifier.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs generic webhook bodies: header {@value #HEADER} = {@code t=<unix seconds>,v1=<hex>} where
 * the hex is HMAC-SHA256 over {@code "<t>.<body>"} with the channel's secret. The timestamp is part
 * of the signed text, so a receiver can refuse replays older than a few minutes.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Incident-Intel-Signature";

    private WebhookSignature() {}

    /** The header value for {@code body} signed at {@code epochSeconds}. */
    public static String sign(String secret, long epochSeconds, String body) {
        return "t=" + epochSeconds + ",v1=" + hmacHex(secret, epochSeconds + "." + body);
    }

    /** True when {@code header} is a valid signature of {@code body} (constant-time compare). */
    public static boolean verify(String secret, String header, String body) {
        if (header == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        if (t == null || v1 == null) {
            return false;
        }
        String expected = hmacHex(secret, t + "." + body);
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                v1.getBytes(StandardCharsets.US_ASCII));
    }

    static String hmacHex(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
