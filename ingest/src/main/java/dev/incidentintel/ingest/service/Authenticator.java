package dev.incidentintel.ingest.service;

import dev.incidentintel.ingest.ErrorCode;
import dev.incidentintel.ingest.IngestException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks per-integration tokens. An integration with no configured tokens is open. Otherwise the
 * request must present one: nothing presented is 401, a wrong one 403. Comparisons take constant
 * time so response timing does not reveal how much of a token was right; tokens never appear in
 * exception messages (which are logged and returned).
 */
public final class Authenticator {
    private final Map<String, List<String>> tokens;

    public Authenticator(Map<String, List<String>> tokens) {
        this.tokens = Map.copyOf(tokens);
    }

    /** True when {@code integration} requires a token. */
    public boolean protects(String integration) {
        List<String> list = tokens.get(integration);
        return list != null && !list.isEmpty();
    }

    /** Checks a presented token (bearer header or PagerDuty routing key); null means none. */
    public void check(String integration, String presented) {
        if (!protects(integration)) {
            return;
        }
        if (presented == null || presented.isEmpty()) {
            throw new IngestException(
                    ErrorCode.UNAUTHORIZED, null, "this integration requires a token");
        }
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (String token : tokens.get(integration)) {
            // No short-circuit: every configured token is compared.
            ok |= MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8));
        }
        if (!ok) {
            throw new IngestException(
                    ErrorCode.FORBIDDEN, null, "the token is not valid for this integration");
        }
    }

    /**
     * Checks GitHub's {@code X-Hub-Signature-256: sha256=<hex>} over the raw body against every
     * configured secret; a bearer token is accepted instead when present.
     */
    public void checkGithub(String integration, String signature, String bearer, byte[] body) {
        checkSignature(
                integration,
                "X-Hub-Signature-256",
                signature,
                bearer,
                body,
                presented -> {
                    byte[] given = presented.getBytes(StandardCharsets.UTF_8);
                    boolean ok = false;
                    for (String secret : tokens.get(integration)) {
                        ok |=
                                MessageDigest.isEqual(
                                        given,
                                        ("sha256=" + hmacSha256(secret, body))
                                                .getBytes(StandardCharsets.UTF_8));
                    }
                    return ok;
                });
    }

    /**
     * Checks PagerDuty's v3 webhook signature header {@code X-PagerDuty-Signature:
     * v1=<hex>[,v1=<hex>...]} (HMAC-SHA256 of the raw body with the subscription's signing secret;
     * several signatures while a secret is rotated): the request passes when any {@code v1}
     * signature matches any configured secret. Entries of other versions are ignored, as PagerDuty
     * documents. A bearer token is accepted instead when present.
     */
    public void checkPagerDutyWebhook(
            String integration, String signature, String bearer, byte[] body) {
        checkSignature(
                integration,
                "X-PagerDuty-Signature",
                signature,
                bearer,
                body,
                presented -> {
                    boolean ok = false;
                    for (String secret : tokens.get(integration)) {
                        byte[] expected =
                                ("v1=" + hmacSha256(secret, body)).getBytes(StandardCharsets.UTF_8);
                        for (String entry : presented.split(",")) {
                            ok |=
                                    MessageDigest.isEqual(
                                            entry.trim().getBytes(StandardCharsets.UTF_8),
                                            expected);
                        }
                    }
                    return ok;
                });
    }

    private void checkSignature(
            String integration,
            String header,
            String signature,
            String bearer,
            byte[] body,
            Predicate<String> matches) {
        if (!protects(integration)) {
            return;
        }
        if (bearer != null && !bearer.isEmpty()) {
            check(integration, bearer);
            return;
        }
        if (signature == null || signature.isEmpty()) {
            throw new IngestException(ErrorCode.UNAUTHORIZED, null, header + " is required");
        }
        if (!matches.test(signature)) {
            throw new IngestException(ErrorCode.FORBIDDEN, null, header + " does not match");
        }
    }

    /** Lower-case hex HMAC-SHA256 of {@code body} with {@code secret}, as GitHub computes it. */
    public static String hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
