package dev.incidentintel.triage.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.triage.TriageException;
import dev.incidentintel.triage.TriageInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicketTableTest {
    @Test
    void readsQuotedCsvFields(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.csv");
        Files.writeString(
                f,
                "title,body,category\r\nvpn down,\"slow, then \"\"dead\"\"\nnext line\",4\n,empty title,5\n");
        TicketTable t = TicketTable.read(f);
        assertThat(t.columns()).containsExactly("title", "body", "category");
        assertThat(t.column("body"))
                .containsExactly("slow, then \"dead\"\nnext line", "empty title");
        assertThat(t.column("category")).containsExactly("4", "5");
        List<TriageInput> in = t.inputs(List.of("title", "body"));
        assertThat(in.get(0).title()).isEqualTo("vpn down");
        assertThat(in.get(1).title()).isEmpty();
    }

    @Test
    void readsNdjsonAndNamesMissingColumns(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.ndjson");
        Files.writeString(
                f,
                "{\"title\":\"a\",\"team\":\"db\",\"n\":3}\n\n{\"title\":\"b\",\"team\":null}\n");
        TicketTable t = TicketTable.read(f);
        assertThat(t.column("team")).containsExactly("db", "");
        assertThat(t.column("n")).containsExactly("3", null);
        assertThatThrownBy(() -> t.column("category"))
                .isInstanceOf(TriageException.class)
                .hasMessageContaining("'category' not found");
    }
}
