package dev.incidentintel.correlation.anomaly.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void parsesQuotedFieldsWithCommasQuotesAndCrlf() {
        List<List<String>> rows = Csv.parse("LineId,Content\r\n1,\"a, \"\"b\"\"\"\r\n2,plain\r\n");
        assertEquals(
                List.of(
                        List.of("LineId", "Content"),
                        List.of("1", "a, \"b\""),
                        List.of("2", "plain")),
                rows);
    }

    @Test
    void quotesOnlyWhenNeeded() {
        assertEquals("plain", Csv.field("plain"));
        assertEquals("\"a, \"\"b\"\"\"", Csv.field("a, \"b\""));
    }
}
