package dev.incidentintel.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingSetTest {

    @Test
    void rowsWithoutALabelForATargetGetAnEmptyOneAndOneClassTargetsAreNotTrainable() {
        TrainingSet set = new TrainingSet();
        set.add(TriageInput.ofText("a", ""), Map.of("category", "db"));
        set.add(TriageInput.ofText("b", ""), Map.of("team", "team-net", "category", "network"));
        set.add(TriageInput.ofText("c", ""), Map.of("team", " team-net "));
        assertThat(set.inputs()).extracting(TriageInput::title).containsExactly("a", "b", "c");
        assertThat(set.labelledRows())
                .containsExactly(Map.entry("category", 2), Map.entry("team", 2));
        assertThat(set.trainableLabels()).containsOnlyKeys("category");
        assertThat(set.trainableLabels().get("category")).isEqualTo(List.of("db", "network", ""));
    }
}
