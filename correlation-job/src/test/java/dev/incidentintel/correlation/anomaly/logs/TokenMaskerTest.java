package dev.incidentintel.correlation.anomaly.logs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class TokenMaskerTest {

    @Test
    void masksNumbersIpsHexAndPathsButKeepsWords() {
        assertArrayEquals(
                new String[] {"Receiving", "block", "<*>", "src:", "<*>", "dest:", "<*>"},
                TokenMasker.maskedTokens(
                        "Receiving block blk_-1608999687919862906 src: /10.250.19.102:54106 dest: /10.250.19.102:50010"));
        assertArrayEquals(
                new String[] {"read", "<*>", "from", "<*>"},
                TokenMasker.maskedTokens("read 0x1f3a from /var/log/messages"));
        assertArrayEquals(
                new String[] {"fetch", "<*>", "failed"},
                TokenMasker.maskedTokens("fetch https://example.org/a failed"));
    }

    @Test
    void keepsTheKeyOfKeyValueTokens() {
        assertArrayEquals(
                new String[] {"logname=", "uid=<*>", "(uid=<*>)", "rhost=<*>"},
                TokenMasker.maskedTokens("logname= uid=0 (uid=500) rhost=218.188.2.4"));
    }

    @Test
    void collapsesWildcardsJoinedByPunctuationAndMasksCalendarWords() {
        assertArrayEquals(
                new String[] {"at", "<*>", "<*>", "<*>", "<*>", "<*>"},
                TokenMasker.maskedTokens("at Fri Jun 17 07:07:00 2005"));
        assertArrayEquals(
                new String[] {"<*>", "GET"},
                TokenMasker.maskedTokens("10.11.21.122,10.11.10.1 GET"));
        assertArrayEquals(
                new String[] {"Month", "Monday"}, TokenMasker.maskedTokens("Month Monday"));
    }

    @Test
    void splitsOnAnyWhitespaceRun() {
        assertArrayEquals(new String[] {"a", "b"}, TokenMasker.maskedTokens("  a \t b \r\n"));
        assertArrayEquals(new String[0], TokenMasker.maskedTokens("   "));
    }
}
