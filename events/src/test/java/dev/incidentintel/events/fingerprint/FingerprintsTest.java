package dev.incidentintel.events.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

    @Test
    void fingerprintIsTheDocumentedSha256PrefixOfSortedLabels() throws Exception {
        // Independent computation of the documented definition.
        byte[] digest =
                MessageDigest.getInstance("SHA-256")
                        .digest(
                                "v1;9:alertname7:HighCPU;4:host9:andromeda;"
                                        .getBytes(StandardCharsets.UTF_8));
        String expected = HexFormat.of().formatHex(digest).substring(0, 16);
        assertThat(Fingerprints.ofLabels(Map.of("host", "andromeda", "alertname", "HighCPU")))
                .isEqualTo(expected);
        // Multi-byte values are measured in UTF-8 bytes, not characters.
        byte[] utf8 =
                MessageDigest.getInstance("SHA-256")
                        .digest("v1;4:host7:zürich;".getBytes(StandardCharsets.UTF_8));
        assertThat(Fingerprints.ofLabels(Map.of("host", "zürich")))
                .isEqualTo(HexFormat.of().formatHex(utf8).substring(0, 16));
    }

    @Test
    void orderOfLabelsDoesNotMatterButValuesDo() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("b", "2");
        a.put("a", "1");
        Map<String, String> b = new LinkedHashMap<>();
        b.put("a", "1");
        b.put("b", "2");
        assertThat(Fingerprints.ofLabels(a)).isEqualTo(Fingerprints.ofLabels(b)).hasSize(16);
        assertThat(Fingerprints.ofLabels(Map.of("a", "1", "b", "3")))
                .isNotEqualTo(Fingerprints.ofLabels(b));
    }

    @Test
    void separatorsCannotBeUsedToForgeACollision() {
        // "a=1\nb" + "=2" must not equal label a with value "1\nb=2".
        assertThat(Fingerprints.ofLabels(Map.of("a", "1", "b", "2")))
                .isNotEqualTo(Fingerprints.ofLabels(Map.of("a", "1\nb=2")));
    }
}
