package dev.incidentintel.benchmarks.scenario;

import dev.incidentintel.correlation.correlate.GroupingOptions;
import dev.incidentintel.correlation.scope.ScopeOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Prints the grouping figures of settings over scenarios and seeds with {@link ScenarioReplay} (no
 * Flink): the tool used to choose one default for every scenario. Arguments: {@code seeds=42,7,...}
 * and any number of settings, each a {@code ;}-separated list of job properties ({@code
 * group.gap=PT10M;attach.threshold=0.5}); no settings: the defaults.
 */
public final class CorrelationSweep {
    private CorrelationSweep() {}

    public static void main(String[] args) {
        List<Long> seeds = new ArrayList<>(List.of(42L));
        List<String> settings = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("seeds=")) {
                seeds.clear();
                for (String s : a.substring(6).split(",")) {
                    seeds.add(Long.parseLong(s.strip()));
                }
            } else {
                settings.add(a);
            }
        }
        if (settings.isEmpty()) {
            settings.add("");
        }
        for (String setting : settings) {
            Properties p = new Properties();
            for (String kv : setting.split(";")) {
                if (kv.contains("=")) {
                    p.setProperty(
                            kv.substring(0, kv.indexOf('=')).strip(),
                            kv.substring(kv.indexOf('=') + 1).strip());
                }
            }
            GroupingOptions grouping = GroupingOptions.of(p);
            ScopeOptions scope = ScopeOptions.of(p);
            StringBuilder line = new StringBuilder(setting.isEmpty() ? "defaults" : setting);
            for (String name : List.of("storm", "mixed", "sparse")) {
                double f1 = 0;
                double pr = 0;
                double re = 0;
                double nr = 0;
                double sp = 0;
                for (long seed : seeds) {
                    CorrelationMetrics.Report r =
                            ScenarioReplay.run(
                                    ScenarioGenerator.generate(ScenarioSpec.named(name), seed),
                                    grouping,
                                    scope,
                                    true);
                    f1 += r.f1();
                    pr += r.precision();
                    re += r.recall();
                    nr += r.noiseReduction();
                    sp += Double.isNaN(r.suspectPrecisionAt1()) ? 0 : r.suspectPrecisionAt1();
                }
                int n = seeds.size();
                line.append(
                        String.format(
                                Locale.ROOT,
                                " | %s F1 %.3f P %.3f R %.3f NR %.3f S@1 %.2f",
                                name,
                                f1 / n,
                                pr / n,
                                re / n,
                                nr / n,
                                sp / n));
            }
            System.out.println(line);
        }
    }
}
