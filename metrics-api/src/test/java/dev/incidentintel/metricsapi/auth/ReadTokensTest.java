package dev.incidentintel.metricsapi.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.metricsapi.ApiException;
import dev.incidentintel.metricsapi.ErrorCode;
import org.junit.jupiter.api.Test;

class ReadTokensTest {
    private static final String KPI_ONLY = "kpi-reader-0123456789";
    private static final String ALL = "all-reader-0123456789";

    private final ReadTokens tokens = ReadTokens.parse(KPI_ONLY + "=kpi:read;" + ALL + "=*");

    @Test
    void offByDefaultLetsEverythingThrough() {
        assertThat(ReadTokens.parse("").enabled()).isFalse();
        assertThatCode(() -> ReadTokens.off().check(null, "kpi:read")).doesNotThrowAnyException();
    }

    @Test
    void missingOrUnknownTokenIs401() {
        assertThat(code(() -> tokens.check(null, "kpi:read"))).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(code(() -> tokens.check("Bearer nope-nope-nope-nope", "kpi:read")))
                .isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(code(() -> tokens.check("Basic " + KPI_ONLY, "kpi:read")))
                .isEqualTo(ErrorCode.UNAUTHORIZED);
    }

    @Test
    void scopesDecide() {
        assertThatCode(() -> tokens.check("Bearer " + KPI_ONLY, "kpi:read"))
                .doesNotThrowAnyException();
        assertThat(code(() -> tokens.check("Bearer " + KPI_ONLY, "incidents:read")))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThatCode(() -> tokens.check("bearer " + ALL, "reports:read"))
                .doesNotThrowAnyException();
    }

    @Test
    void badSpecsAreRefusedWithoutEchoingTheSecret() {
        assertThatThrownBy(() -> ReadTokens.parse("short=kpi:read")).hasMessageContaining("16");
        assertThatThrownBy(() -> ReadTokens.parse(KPI_ONLY + "=kpi:write"))
                .hasMessageContaining("kpi:write")
                .hasMessageNotContaining(KPI_ONLY);
    }

    private static ErrorCode code(Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            return e.errorCode();
        }
        return null;
    }
}
