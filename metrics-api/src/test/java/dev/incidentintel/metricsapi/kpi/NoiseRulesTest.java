package dev.incidentintel.metricsapi.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoiseRulesTest {
    private static Map<String, Object> service(
            String name,
            long notifications,
            List<String> rules,
            List<Long> ruleNotifications,
            List<Long> ruleAlerts,
            List<String> linkedRules,
            List<Long> linked) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("service", name);
        row.put("notifications", notifications);
        row.put("alerts", 2L);
        row.put("incidents", 1L);
        row.put("reduction", 0.5);
        row.put("rule_names", rules);
        row.put("rule_notifications", ruleNotifications);
        row.put("rule_alerts", ruleAlerts);
        row.put("linked_rule_names", linkedRules);
        row.put("linked_incidents", linked);
        return row;
    }

    private static final List<Map<String, Object>> ROWS =
            List.of(
                    service(
                            "checkout",
                            9,
                            List.of("HighLatency", "ErrorRate"),
                            List.of(6L, 3L),
                            List.of(2L, 1L),
                            List.of("ErrorRate", "Disk"),
                            List.of(2L, 1L)),
                    service(
                            "payments",
                            6,
                            List.of("CardDeclines", "ErrorRate"),
                            List.of(3L, 3L),
                            List.of(1L, 3L),
                            List.of(),
                            List.of()));

    @Test
    void servicesDropTheRuleArraysAndKeepTheirOrder() {
        List<Map<String, Object>> services = NoiseRules.services(ROWS);

        assertThat(services)
                .extracting(r -> r.get("service"))
                .containsExactly("checkout", "payments");
        assertThat(services.get(0).keySet())
                .containsExactly("service", "notifications", "alerts", "incidents", "reduction");
    }

    @Test
    void rulesJoinNotificationsAndLinksAndSortByNotificationsThenRuleThenService() {
        List<Map<String, Object>> rules = NoiseRules.noisiest(ROWS, 10);

        // 6 HighLatency/checkout; 3: CardDeclines/payments, ErrorRate/checkout, ErrorRate/payments
        // (rule, then service); 0: Disk/checkout, linked only.
        assertThat(rules)
                .extracting(r -> r.get("rule") + "/" + r.get("service"))
                .containsExactly(
                        "HighLatency/checkout",
                        "CardDeclines/payments",
                        "ErrorRate/checkout",
                        "ErrorRate/payments",
                        "Disk/checkout");
        Map<String, Object> errorRate = rules.get(2);
        assertThat(errorRate.get("notifications")).isEqualTo(3L);
        assertThat(errorRate.get("alerts")).isEqualTo(1L);
        assertThat(errorRate.get("incidents")).isEqualTo(2L);
        assertThat(errorRate.get("notifications_per_incident")).isEqualTo(1.5);
        assertThat(rules.get(0).get("notifications_per_incident")).isNull(); // no links
        Map<String, Object> disk = rules.get(4);
        assertThat(disk.get("notifications")).isEqualTo(0L);
        assertThat(disk.get("notifications_per_incident")).isEqualTo(0.0);
    }

    @Test
    void theLimitKeepsTheNoisiest() {
        assertThat(NoiseRules.noisiest(ROWS, 2))
                .extracting(r -> r.get("rule"))
                .containsExactly("HighLatency", "CardDeclines");
        assertThatThrownBy(() -> NoiseRules.noisiest(ROWS, 0)).hasMessageContaining("limit");
    }

    @Test
    void namesSortByTheirUtf8BytesAsClickHouseDoes() {
        // U+FF21 (fullwidth A) sorts after U+1F600 in UTF-16 code units but before it in UTF-8
        // bytes.
        List<Map<String, Object>> rows =
                List.of(
                        service(
                                "s",
                                2,
                                List.of("\uD83D\uDE00", "\uFF21"),
                                List.of(1L, 1L),
                                List.of(1L, 1L),
                                List.of(),
                                List.of()));

        assertThat(NoiseRules.noisiest(rows, 5))
                .extracting(r -> r.get("rule"))
                .containsExactly("\uFF21", "\uD83D\uDE00");
    }
}
