package dev.incidentintel.correlation.anomaly.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogTemplateMinerTest {
    private final LogTemplateMiner miner = new LogTemplateMiner(MinerOptions.DEFAULTS);

    @Test
    void linesDifferingOnlyInNumbersShareOneTemplate() {
        MinedTemplate a =
                miner.add("PacketResponder 1 for block blk_38865049064139660 terminating");
        MinedTemplate b =
                miner.add("PacketResponder 0 for block blk_-6952295868487656571 terminating");
        assertTrue(a.created());
        assertFalse(b.created());
        assertEquals(a.clusterId(), b.clusterId());
        assertEquals("PacketResponder <*> for block <*> terminating", b.template());
        assertEquals(2, b.count());
    }

    @Test
    void differentFirstTokensOrLengthsNeverShareATemplate() {
        MinedTemplate a = miner.add("session opened for user root");
        MinedTemplate b = miner.add("session closed for user root");
        MinedTemplate c = miner.add("session opened for user root by admin");
        assertNotEquals(a.clusterId(), b.clusterId());
        assertNotEquals(a.clusterId(), c.clusterId());
        assertEquals(3, miner.templateCount());
    }

    @Test
    void generalisesAWordThatVariesBeyondTheRoutingDepthWhenSimilarEnough() {
        // 10 of 11 tokens agree (0.91 >= 0.8): the differing name becomes a wildcard.
        miner.add("Failed to connect to database primary.db.local after several retries give up");
        MinedTemplate b =
                miner.add(
                        "Failed to connect to database replica.db.local after several retries give up");
        assertFalse(b.created());
        assertEquals(
                "Failed to connect to database <*> after several retries give up", b.template());
        assertEquals(
                "Failed to connect to database <*> after several retries give up",
                miner.template(b.clusterId()));
    }

    @Test
    void keepsTemplatesApartBelowTheSimilarityThreshold() {
        // Same routing tokens, but only 2 of 5 tokens agree (0.4 < 0.8).
        MinedTemplate a = miner.add("disk full on volume data");
        MinedTemplate b = miner.add("disk full at mount home");
        assertNotEquals(a.clusterId(), b.clusterId());
    }

    @Test
    void evictsTheLeastRecentlyUsedTemplateWhenALeafIsFull() {
        LogTemplateMiner small = new LogTemplateMiner(new MinerOptions(3, 1.0, 100, 2));
        int first = small.add("alpha one").clusterId();
        int second = small.add("alpha two").clusterId();
        small.add("alpha one");
        small.add("alpha three"); // evicts "alpha two", the least recently used
        assertEquals(first, small.add("alpha one").clusterId());
        assertNotEquals(second, small.add("alpha two").clusterId());
    }

    @Test
    void wildcardsOnlyLinesAndEmptyLinesAreAccepted() {
        assertEquals("", miner.add("   ").template());
        assertEquals("<*>", miner.add("12 34").template());
        assertEquals(1, miner.add("56 78").clusterId());
    }

    @Test
    void twoDifferentPlainWordsAreDifferentEventsNotAVariable() {
        // 5 of 6 tokens agree, above the threshold, but Started/Paused are words: two events.
        MinedTemplate a = miner.add("[instance: 0a1b-22] VM Started (Lifecycle Event)");
        MinedTemplate b = miner.add("[instance: 0a1b-23] VM Paused (Lifecycle Event)");
        MinedTemplate c = miner.add("[instance: 0a1b-24] VM Started (Lifecycle Event)");
        assertNotEquals(a.clusterId(), b.clusterId());
        assertEquals(a.clusterId(), c.clusterId());
        assertEquals("[instance: <*> VM Started (Lifecycle Event)", c.template());
    }

    @Test
    void aWordAfterANamingNounIsAValue() {
        MinedTemplate a = miner.add("session opened for user cyrus by (uid=0)");
        MinedTemplate b = miner.add("session opened for user news by (uid=0)");
        assertEquals(a.clusterId(), b.clusterId());
        assertEquals("session opened for user <*> by (uid=<*>)", b.template());
    }

    @Test
    void keyValueTokensKeepTheirKeyAndAnEmptyValueIsAnotherEvent() {
        MinedTemplate a =
                miner.add(
                        "authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=alpha.example.org");
        MinedTemplate b =
                miner.add(
                        "authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=beta.example.org");
        MinedTemplate c =
                miner.add("authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=");
        assertEquals(a.clusterId(), b.clusterId());
        assertEquals(
                "authentication failure; logname= uid=<*> euid=<*> tty=ssh ruser= rhost=<*>",
                b.template());
        assertNotEquals(a.clusterId(), c.clusterId());
    }

    @Test
    void aRunOfVariablesIsWrittenOnceSoListsOfAnyLengthShareTheirText() {
        MinedTemplate a =
                miner.add("BLOCK* ask 10.250.18.114:50010 to delete blk_-514007 blk_-901656");
        MinedTemplate b =
                miner.add(
                        "BLOCK* ask 10.251.126.5:50010 to delete blk_-901656 blk_-869571 blk_-716832");
        assertEquals("BLOCK* ask <*> to delete <*>", a.template());
        assertEquals(a.template(), b.template());
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> new MinerOptions(2, 0.5, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new MinerOptions(4, 0.0, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new MinerOptions(4, 0.5, 0, 10));
    }
}
