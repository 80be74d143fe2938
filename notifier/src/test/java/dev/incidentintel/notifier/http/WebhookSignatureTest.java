package dev.incidentintel.notifier.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    @Test
    void signsTimestampDotBodyWithHmacSha256() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assertThat(WebhookSignature.hmacHex("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        String header = WebhookSignature.sign("s3cret", 1700000000, "{\"a\":1}");
        assertThat(header)
                .startsWith("t=1700000000,v1=")
                .endsWith(WebhookSignature.hmacHex("s3cret", "1700000000.{\"a\":1}"));
    }

    @Test
    void verifiesOnlyTheSameBodyAndSecret() {
        String header = WebhookSignature.sign("s3cret", 1700000000, "{\"a\":1}");
        assertThat(WebhookSignature.verify("s3cret", header, "{\"a\":1}")).isTrue();
        assertThat(WebhookSignature.verify("s3cret", header, "{\"a\":2}")).isFalse();
        assertThat(WebhookSignature.verify("other", header, "{\"a\":1}")).isFalse();
        assertThat(WebhookSignature.verify("s3cret", "v1=abc", "{\"a\":1}")).isFalse();
    }
}
