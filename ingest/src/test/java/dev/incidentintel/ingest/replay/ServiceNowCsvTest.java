package dev.incidentintel.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.incidentintel.events.LifecycleAction;
import dev.incidentintel.events.LifecycleEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The ServiceNow audit-log mapping, on hand-made rows and on the real UCI log. */
class ServiceNowCsvTest {
    static final Path UCI = Path.of("../../shared/datasets/lifecycle/incident_event_log.zip");
    private static final String HEADER =
            "number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,caller_id,opened_by,opened_at,"
                    + "sys_created_by,sys_created_at,sys_updated_by,sys_updated_at,contact_type,location,category,subcategory,u_symptom,"
                    + "cmdb_ci,impact,urgency,priority,assignment_group,assigned_to,knowledge,u_priority_confirmation,notify,problem_id,"
                    + "rfc,vendor,caused_by,closed_code,resolved_by,resolved_at,closed_at\n";

    private static String row(
            String state,
            int reopen,
            int mod,
            String updatedAt,
            String priority,
            String group,
            String assignee) {
        return "INC1,"
                + state
                + ",true,0,"
                + reopen
                + ","
                + mod
                + ",true,Caller 1,Opened by 8,29/2/2016 01:16,Created by 6,"
                + "29/2/2016 01:23,Updated by 21,"
                + updatedAt
                + ",Phone,Location 1,Category 55,Subcategory 170,Symptom 72,?,"
                + "2 - Medium,2 - Medium,"
                + priority
                + ","
                + group
                + ","
                + assignee
                + ",true,false,Do Not Notify,?,?,?,?,code 5,"
                + "Resolved by 149,29/2/2016 11:29,5/3/2016 12:00\n";
    }

    @Test
    void handMadeIncidentMapsEveryStep() {
        // Rows out of order on purpose: sys_mod_count decides.
        String csv =
                HEADER
                        + row(
                                "Active",
                                0,
                                1,
                                "29/2/2016 02:00",
                                "3 - Moderate",
                                "Group 56",
                                "Resolver 1")
                        + row("New", 0, 0, "29/2/2016 01:23", "3 - Moderate", "Group 56", "?")
                        + row(
                                "Active",
                                0,
                                2,
                                "29/2/2016 03:00",
                                "2 - High",
                                "Group 24",
                                "Resolver 2")
                        + row(
                                "Active",
                                1,
                                3,
                                "1/3/2016 09:00",
                                "2 - High",
                                "Group 24",
                                "Resolver 2")
                        + row(
                                "Closed",
                                1,
                                4,
                                "5/3/2016 12:00",
                                "2 - High",
                                "Group 24",
                                "Resolver 2");
        ServiceNowCsv.Result r =
                ServiceNowCsv.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(r.rows()).isEqualTo(5);
        assertThat(r.incidents()).isEqualTo(1);
        List<LifecycleEvent> e = r.events();
        assertThat(e)
                .extracting(LifecycleEvent::action)
                .containsExactly(
                        LifecycleAction.OPEN, // 29/2 01:16 opened_at
                        LifecycleAction.ACK, // 29/2 02:00 New -> Active
                        LifecycleAction.ASSIGN, // 29/2 02:00 assignee ? -> Resolver 1
                        LifecycleAction.ASSIGN, // 29/2 03:00 Group 56 -> Group 24
                        LifecycleAction.ESCALATE, // 29/2 03:00 P3 -> P2
                        LifecycleAction.RESOLVE, // 29/2 11:29 resolved_at
                        LifecycleAction.REOPEN, // 1/3 09:00 reopen_count 0 -> 1
                        LifecycleAction.CLOSE); // 5/3 12:00 closed_at
        assertThat(e)
                .extracting(LifecycleEvent::eventTime)
                .containsExactly(
                        Instant.parse("2016-02-29T01:16:00Z"),
                        Instant.parse("2016-02-29T02:00:00Z"),
                        Instant.parse("2016-02-29T02:00:00Z"),
                        Instant.parse("2016-02-29T03:00:00Z"),
                        Instant.parse("2016-02-29T03:00:00Z"),
                        Instant.parse("2016-02-29T11:29:00Z"),
                        Instant.parse("2016-03-01T09:00:00Z"),
                        Instant.parse("2016-03-05T12:00:00Z"));
        assertThat(e).extracting(LifecycleEvent::incidentId).containsOnly("INC1");
        assertThat(e.get(0).actor()).isEqualTo("Opened by 8");
        assertThat(e.get(0).team()).isEqualTo("Group 56");
        assertThat(e.get(0).attributes())
                .isEqualTo(
                        Map.of(
                                "priority",
                                "P3",
                                "impact",
                                "2 - Medium",
                                "urgency",
                                "2 - Medium",
                                "category",
                                "Category 55",
                                "subcategory",
                                "Subcategory 170",
                                "symptom",
                                "Symptom 72",
                                "contact_type",
                                "Phone",
                                "made_sla",
                                "true",
                                "assignment_group",
                                "Group 56"));
        assertThat(e.get(3).team()).isEqualTo("Group 24");
        assertThat(e.get(4).note()).isEqualTo("priority P3 -> P2");
        assertThat(e.get(5).actor()).isEqualTo("Resolved by 149");
        assertThat(e.get(7).note()).isEqualTo("code 5");
        assertThat(e.get(7).attributes()).containsEntry("priority", "P2");
    }

    @Test
    void aStepWrittenBeforeOpenedAtFollowsTheOpenWithItsOwnTime() {
        // opened_at is 29/2/2016 01:16 (see row()); the first row is Active already at 01:00.
        String csv =
                HEADER
                        + row("New", 0, 0, "29/2/2016 00:30", "3 - Moderate", "Group 56", "?")
                                .replace("INC1,", "INC0,")
                        + row(
                                "Active",
                                0,
                                0,
                                "29/2/2016 01:00",
                                "3 - Moderate",
                                "Group 56",
                                "Resolver 1");
        List<LifecycleEvent> e =
                ServiceNowCsv.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))
                        .events();

        List<LifecycleEvent> inc1 = e.stream().filter(x -> x.incidentId().equals("INC1")).toList();
        assertThat(inc1)
                .extracting(LifecycleEvent::action)
                .startsWith(LifecycleAction.OPEN, LifecycleAction.ACK);
        assertThat(inc1.get(1).eventTime()).isEqualTo(Instant.parse("2016-02-29T01:00:00Z"));
        // Both tickets open at 01:16: INC0 (first in the file) first, then INC1 with its early ack.
        assertThat(e.get(0).incidentId()).isEqualTo("INC0");
        assertThat(e.indexOf(inc1.get(0))).isLessThan(e.indexOf(inc1.get(1)));
    }

    @Test
    void realUciLogGivesOneOpenAndClosePerIncidentWithTheFilesTimes() throws Exception {
        if (!Files.isRegularFile(UCI)) {
            fail("shared datasets folder missing: " + UCI.toAbsolutePath().normalize());
        }
        ServiceNowCsv.Result r = ServiceNowCsv.read(UCI);
        // Figures from SOURCE-uci.md (141,712 events, 24,918 incidents); 1,556 incidents have
        // resolved_at '?' (counted separately with Python's csv module).
        assertThat(r.rows()).isEqualTo(141_712);
        assertThat(r.incidents()).isEqualTo(24_918);
        assertThat(r.skipped()).isEmpty();
        Map<LifecycleAction, Long> counts =
                r.events().stream()
                        .collect(
                                Collectors.groupingBy(
                                        LifecycleEvent::action, Collectors.counting()));
        assertThat(counts.get(LifecycleAction.OPEN)).isEqualTo(24_918L);
        assertThat(counts.get(LifecycleAction.CLOSE)).isEqualTo(24_918L);
        assertThat(counts.get(LifecycleAction.RESOLVE)).isEqualTo(24_918L - 1_556L);
        // Time order overall, except that no step comes before its ticket's open: a step written
        // before its ticket's opened_at (INC0000131's first row is Active at 29/2/2016 07:14,
        // opened
        // 09:41) follows the open and keeps its own time.
        Map<String, Instant> opened = new java.util.HashMap<>();
        int outOfOrder = 0;
        for (int i = 0; i < r.events().size(); i++) {
            LifecycleEvent e = r.events().get(i);
            if (e.action() == LifecycleAction.OPEN) {
                opened.put(e.incidentId(), e.eventTime());
            }
            assertThat(opened)
                    .as("open of %s before its %s", e.incidentId(), e.action())
                    .containsKey(e.incidentId());
            if (i > 0 && e.eventTime().isBefore(r.events().get(i - 1).eventTime())) {
                outOfOrder++;
                assertThat(e.eventTime()).isBefore(opened.get(e.incidentId()));
            }
        }
        assertThat(r.events())
                .filteredOn(
                        e ->
                                e.incidentId().equals("INC0000131")
                                        && e.action() == LifecycleAction.ACK)
                .singleElement()
                .satisfies(
                        e ->
                                assertThat(e.eventTime())
                                        .isEqualTo(Instant.parse("2016-02-29T07:14:00Z")));
        assertThat(outOfOrder).isPositive();
        // INC0000045, the file's first incident: opened 29/2/2016 01:16, resolved 29/2/2016 11:29,
        // closed 5/3/2016 12:00, priority "3 - Moderate".
        List<LifecycleEvent> first =
                r.events().stream().filter(e -> e.incidentId().equals("INC0000045")).toList();
        assertThat(first)
                .filteredOn(e -> e.action() == LifecycleAction.OPEN)
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.eventTime())
                                    .isEqualTo(Instant.parse("2016-02-29T01:16:00Z"));
                            assertThat(e.attributes())
                                    .containsEntry("priority", "P3")
                                    .containsEntry("category", "Category 55");
                        });
        assertThat(first)
                .filteredOn(e -> e.action() == LifecycleAction.RESOLVE)
                .singleElement()
                .satisfies(
                        e ->
                                assertThat(e.eventTime())
                                        .isEqualTo(Instant.parse("2016-02-29T11:29:00Z")));
        assertThat(first)
                .filteredOn(e -> e.action() == LifecycleAction.CLOSE)
                .singleElement()
                .satisfies(
                        e ->
                                assertThat(e.eventTime())
                                        .isEqualTo(Instant.parse("2016-03-05T12:00:00Z")));
    }
}
