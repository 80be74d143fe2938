package dev.incidentintel.metricsapi.auth;

import dev.incidentintel.metricsapi.ApiException;
import dev.incidentintel.metricsapi.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Bearer read tokens with scopes ({@code kpi:read}, {@code incidents:read}, {@code reports:read},
 * or {@code *} for all). Off (every request allowed) when no token is configured, which is the demo
 * default. Tokens are kept only as SHA-256 digests and compared in constant time.
 */
public final class ReadTokens {
    /** The scopes a token may carry. */
    public static final Set<String> SCOPES =
            Set.of("kpi:read", "incidents:read", "reports:read", "*");

    private final Map<String, Set<String>> scopesByDigest;

    private ReadTokens(Map<String, Set<String>> scopesByDigest) {
        this.scopesByDigest = Collections.unmodifiableMap(scopesByDigest);
    }

    /** No tokens: authentication off. */
    public static ReadTokens off() {
        return new ReadTokens(Map.of());
    }

    /**
     * Parses {@code token=scope+scope;token2=*} (the {@code API_READ_TOKENS} format). Blank means
     * off. Tokens must be at least 16 characters.
     */
    public static ReadTokens parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return off();
        }
        Map<String, Set<String>> out = new HashMap<>();
        for (String entry : spec.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(
                        "read token entry needs token=scopes (secret not shown)");
            }
            String token = entry.substring(0, eq).strip();
            if (token.length() < 16) {
                throw new IllegalArgumentException("read tokens must be at least 16 characters");
            }
            Set<String> scopes =
                    new LinkedHashSet<>(Arrays.asList(entry.substring(eq + 1).split("\\+")));
            scopes.removeIf(String::isBlank);
            for (String scope : scopes) {
                if (!SCOPES.contains(scope.strip())) {
                    throw new IllegalArgumentException(
                            "unknown scope '" + scope + "'; use one of " + SCOPES);
                }
            }
            out.put(digest(token), Set.copyOf(scopes.stream().map(String::strip).toList()));
        }
        return new ReadTokens(out);
    }

    /** True when at least one token is configured. */
    public boolean enabled() {
        return !scopesByDigest.isEmpty();
    }

    /**
     * Checks an {@code Authorization} header value against the scope a path needs.
     *
     * @throws ApiException 401 when the header is missing or names no known token, 403 when the
     *     token lacks the scope
     */
    public void check(String authorization, String scope) {
        if (!enabled()) {
            return;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(
                    ErrorCode.UNAUTHORIZED,
                    null,
                    "a bearer token is required (Authorization: Bearer …)",
                    null);
        }
        String presented = digest(authorization.substring(7).strip());
        Set<String> scopes = null;
        for (Map.Entry<String, Set<String>> e : scopesByDigest.entrySet()) {
            if (MessageDigest.isEqual(
                    e.getKey().getBytes(StandardCharsets.US_ASCII),
                    presented.getBytes(StandardCharsets.US_ASCII))) {
                scopes = e.getValue();
            }
        }
        if (scopes == null) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, null, "unknown bearer token", null);
        }
        if (!scopes.contains("*") && !scopes.contains(scope)) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN,
                    null,
                    "this token does not carry the scope " + scope,
                    null);
        }
    }

    private static String digest(String token) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256")
                            .digest(token.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : d) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
