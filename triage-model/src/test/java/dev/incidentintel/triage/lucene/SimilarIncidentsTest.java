package dev.incidentintel.triage.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimilarIncidentsTest {
    private static final Instant JAN = Instant.parse("2026-01-10T00:00:00Z");
    private static final Instant FEB = Instant.parse("2026-02-10T00:00:00Z");
    private SimilarIncidents index;

    @BeforeEach
    void fill() {
        index = SimilarIncidents.inMemory();
        index.add(
                new PastIncident(
                        "i1",
                        "Postgres replication lag on checkout",
                        "replica fell behind",
                        List.of("PostgresReplicationLag"),
                        List.of("replication slot <*> inactive"),
                        "Dropped the stale replication slot and restarted the replica.",
                        "checkout",
                        "prod",
                        "database",
                        JAN));
        index.add(
                new PastIncident(
                        "i2",
                        "Checkout pods restarting",
                        "OOMKilled after deploy",
                        List.of("KubePodCrashLooping"),
                        List.of(),
                        "Rolled back the deploy.",
                        "checkout",
                        "prod",
                        "application",
                        FEB));
        index.add(
                new PastIncident(
                        "i3",
                        "Replication lag on staging database",
                        "nightly load",
                        List.of("PostgresReplicationLag"),
                        List.of(),
                        "Waited for the load to finish.",
                        "checkout",
                        "staging",
                        "database",
                        FEB));
        index.add(
                new PastIncident(
                        "i4",
                        "Login failures",
                        "SSO certificate expired",
                        List.of("AuthErrorsHigh"),
                        List.of(),
                        "Renewed the certificate.",
                        "auth",
                        "prod",
                        "access",
                        FEB));
        index.commit();
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    @Test
    void ranksTheIncidentSharingTheMostWordsFirstWithItsResolution() {
        List<SimilarIncident> hits =
                index.search("replication lag growing on postgres", SearchFilters.NONE, 3);
        assertThat(hits)
                .extracting(SimilarIncident::id)
                .startsWith("i1")
                .contains("i3")
                .doesNotContain("i4");
        assertThat(hits.get(0).resolutionNotes()).contains("replication slot");
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
        assertThat(hits.get(0).category()).isEqualTo("database");
    }

    @Test
    void stemsSoInflectedWordsMatch() {
        // "restarts" must find "restarting" through the English stemmer.
        assertThat(index.search("pod restarts", SearchFilters.NONE, 1))
                .extracting(SimilarIncident::id)
                .containsExactly("i2");
    }

    @Test
    void filtersByEnvironmentServiceAndTime() {
        assertThat(
                        index.search(
                                "replication lag",
                                new SearchFilters(null, "staging", null, null),
                                5))
                .extracting(SimilarIncident::id)
                .containsExactly("i3");
        assertThat(index.search("replication lag", new SearchFilters(null, null, null, FEB), 5))
                .extracting(SimilarIncident::id)
                .containsExactly("i1");
        assertThat(index.search("certificate", new SearchFilters("checkout", null, null, null), 5))
                .isEmpty();
    }

    @Test
    void addingTheSameIdReplacesAndQuerySyntaxIsTreatedAsText() {
        index.add(
                new PastIncident(
                        "i4",
                        "Login failures (again)",
                        "",
                        List.of(),
                        List.of(),
                        "x",
                        "auth",
                        "prod",
                        "access",
                        FEB));
        index.refresh();
        assertThat(index.size()).isEqualTo(4);
        assertThat(index.search("login AND (failures OR \"", SearchFilters.NONE, 5))
                .extracting(SimilarIncident::id)
                .containsExactly("i4");
    }
}
