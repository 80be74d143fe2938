package dev.incidentintel.correlation.anomaly.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LogFormatTest {

    @Test
    void stripsTheHeaderFields() {
        LogFormat f = LogFormat.of("<Date> <Time> <Pid> <Level> <Component>: <Content>");
        assertEquals(
                "PacketResponder 1 for block blk_1 terminating",
                f.content(
                        "081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_1 terminating"));
    }

    @Test
    void supportsOptionalGroupsAndEscapedBrackets() {
        LogFormat f =
                LogFormat.of("<Month> <Date> <Time> <Level> <Component>(\\[<PID>\\])?: <Content>");
        assertEquals(
                "check pass; user unknown",
                f.content("Jun 14 15:16:02 combo sshd(pam_unix)[19937]: check pass; user unknown"));
        assertEquals(
                "Linux version 2.6.5",
                f.content("Jun 14 15:16:02 combo kernel: Linux version 2.6.5"));
    }

    @Test
    void fallsBackToTheWholeLineWhenTheLayoutDoesNotMatch() {
        LogFormat f = LogFormat.of("\\[<Time>\\] \\[<Level>\\] <Content>");
        assertFalse(f.matches("no header here "));
        assertEquals("no header here", f.content("no header here "));
        assertThrows(IllegalArgumentException.class, () -> LogFormat.of("<Date> <Time>"));
    }
}
