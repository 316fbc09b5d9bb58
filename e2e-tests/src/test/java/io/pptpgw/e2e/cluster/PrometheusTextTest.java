package io.pptpgw.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The E2E test's reading of a scrape: labelled samples summed by name and a label subset. */
class PrometheusTextTest {
    static final String SCRAPE = """
            # HELP pptpgw_sessions_active Sessions carrying IP now.
            # TYPE pptpgw_sessions_active gauge
            pptpgw_sessions_active 1.0
            # TYPE pptpgw_session_setups_total counter
            pptpgw_session_setups_total{result="success"} 3.0
            pptpgw_session_setups_total{result="authentication_failed"} 2.0
            pptpgw_gre_packets_total{direction="received"} 120 1700000000000
            pptpgw_gre_packets_total{direction="sent"} 118
            pptpgw_build_info{version="0.1.0 \\"dev\\""} 1
            """;

    @Test
    void sumsSamplesByNameAndLabels() {
        PrometheusText text = PrometheusText.parse(SCRAPE);

        assertThat(text.sum("pptpgw_sessions_active")).hasValue(1.0);
        assertThat(text.sum("pptpgw_session_setups_total")).hasValue(5.0);
        assertThat(text.sum("pptpgw_session_setups_total", Map.of("result", "success")))
                .hasValue(3.0);
        assertThat(text.sum("pptpgw_gre_packets_total", Map.of("direction", "received")))
                .hasValue(120.0);
        assertThat(text.sum("pptpgw_build_info", Map.of("version", "0.1.0 \"dev\"")))
                .hasValue(1.0);
        assertThat(text.sum("pptpgw_missing")).isEmpty();
    }

    @Test
    void refusesALineThatIsNotASample() {
        assertThatThrownBy(() -> PrometheusText.parse("pptpgw_sessions_active"))
                .hasMessageContaining("not a Prometheus sample line: pptpgw_sessions_active");
    }
}
