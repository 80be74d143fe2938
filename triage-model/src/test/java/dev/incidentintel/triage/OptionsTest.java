package dev.incidentintel.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void roundTripsThroughProperties() {
        Properties p = new Properties();
        p.setProperty("triage.hash_bits", "14");
        p.setProperty("triage.candidates", "maxent, random_forest");
        p.setProperty("triage.abstain_threshold", "0.7");
        Options o = Options.of(p);
        assertThat(o.hashBits()).isEqualTo(14);
        assertThat(o.candidates()).containsExactly("maxent", "random_forest");
        assertThat(Options.of(o.toProperties())).isEqualTo(o);
    }

    @Test
    void namesTheBadOption() {
        Properties p = new Properties();
        p.setProperty("triage.candidates", "maxent,deep_net");
        assertThatThrownBy(() -> Options.of(p))
                .isInstanceOf(TriageException.class)
                .hasMessageContaining("deep_net")
                .satisfies(
                        e ->
                                assertThat(((TriageException) e).field())
                                        .isEqualTo("triage.candidates"));
        Properties q = new Properties();
        q.setProperty("triage.abstain_threshold", "1.5");
        assertThatThrownBy(() -> Options.of(q)).hasMessageContaining("abstain_threshold");
    }
}
