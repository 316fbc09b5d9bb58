package io.pptpgw.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pptpgw.e2e.testing.RepositoryFiles;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * values.schema.json: Helm refuses a wrong type, an unknown key or a value out of range before it renders anything,
 * and says which value is wrong.
 */
class ChartValuesSchemaTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
                    replicaCount                         | two          | /replicaCount
                    replicaCount                         | -1           | /replicaCount
                    image.pullPolicy                     | Sometimes    | /image/pullPolicy
                    image.digest                         | latest       | /image/digest
                    image.repository                     | Bad/Name     | /image/repository
                    operator.logFormat                   | xml          | /operator/logFormat
                    operator.healthPort                  | 70000        | /operator/healthPort
                    operator.watchNamespaces             | vpn          | /operator/watchNamespaces
                    leaderElection.enabled               | sometimes    | /leaderElection/enabled
                    serviceMonitor.interval              | 30 seconds   | /serviceMonitor/interval
                    prometheusRule.poolUsageRatio        | 1.5          | /prometheusRule/poolUsageRatio
                    prometheusRule.authFailuresPerSecond | 0            | /prometheusRule/authFailuresPerSecond
                    grafanaDashboard.labels.grafana_dashboard | 1       | /grafanaDashboard/labels/grafana_dashboard
                    """)
    void helmRefusesAValueTheSchemaForbids(String key, String value, String pointer) {
        ChartRender chart = ChartRender.defaults().set(key, value);

        assertThatThrownBy(chart::yaml)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("'" + pointer + "'");
    }

    @Test
    void helmRefusesAnUnknownKey() {
        ChartRender typo = ChartRender.defaults().set("imag.repository", "registry.example/pptpgw");
        ChartRender nestedTypo = ChartRender.defaults().set("operator.logformat", "json");

        assertThatThrownBy(typo::yaml)
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("imag");
        assertThatThrownBy(nestedTypo::yaml).hasMessageContaining("'/operator'").hasMessageContaining("logformat");
    }

    @Test
    void theSchemaDescribesEveryTopLevelValue() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode schema = json.readTree(
                RepositoryFiles.chart().resolve("values.schema.json").toFile());
        JsonNode values = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readTree(RepositoryFiles.chart().resolve("values.yaml").toFile());

        assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
        values.fieldNames()
                .forEachRemaining(name -> assertThat(schema.get("properties").has(name))
                        .as("values.schema.json describes %s", name)
                        .isTrue());
    }
}
