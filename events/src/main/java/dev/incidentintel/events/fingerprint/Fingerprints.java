package dev.incidentintel.events.fingerprint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The documented fingerprint of an alert, used only when the source gives none (an upstream
 * fingerprint, dedup key or alias is always kept verbatim).
 *
 * <p>Definition (version 1): take the alert's label set, drop entries with an empty key or a {@code
 * null} value, sort by key (Java {@code String} order, i.e. UTF-16 code units), and hash with
 * SHA-256 the UTF-8 bytes of {@code "v1;"} followed, for each entry, by {@code len(key) + ":" + key
 * + len(value) + ":" + value + ";"}, where {@code len} is the length in UTF-8 bytes written in
 * decimal (netstring-style, so no label value can imitate a separator). The fingerprint is the
 * first 16 lowercase hex characters (64 bits). Two alerts have the same fingerprint exactly when
 * their label sets are equal, like Alertmanager's own fingerprint. The scheme is versioned so it
 * can change without silently merging old and new identities.
 */
public final class Fingerprints {
    private static final HexFormat HEX = HexFormat.of();

    private Fingerprints() {}

    /** Fingerprint of a label set as defined in the class documentation. */
    public static String ofLabels(Map<String, String> labels) {
        TreeMap<String, String> sorted = new TreeMap<>();
        labels.forEach(
                (k, v) -> {
                    if (k != null && !k.isEmpty() && v != null) {
                        sorted.put(k, v);
                    }
                });
        StringBuilder canonical = new StringBuilder("v1;");
        sorted.forEach(
                (k, v) ->
                        canonical
                                .append(utf8Length(k))
                                .append(':')
                                .append(k)
                                .append(utf8Length(v))
                                .append(':')
                                .append(v)
                                .append(';'));
        return sha256Prefix(canonical.toString());
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** First 16 hex characters of the SHA-256 of a UTF-8 string; also used for stable ids. */
    public static String sha256Prefix(String text) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
