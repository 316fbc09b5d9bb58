package io.pptpgw.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The gateway's logback.xml, run the way the gateway runs it: in a fresh JVM whose environment chooses the format and
 * the levels. (Tests in this JVM log through logback-test.xml, so the main configuration is named explicitly.)
 */
class LogbackConfigurationTest {
    private static final String TEXT_LINE =
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (INFO |DEBUG) \\[main] [\\w.]+ - .*";

    @Test
    void byDefaultTheLogIsTextAtInfoWithTheAccountingRecord() throws Exception {
        List<String> lines = probe(Map.of());

        assertThat(lines).allMatch(line -> line.matches(TEXT_LINE), "every line is a text log line");
        assertThat(lines)
                .anyMatch(line -> line.endsWith(" INFO  [main] io.pptpgw.session - a session event"))
                .anyMatch(line -> line.contains(" INFO  [main] io.pptpgw.accounting - session ended user=alice "))
                .noneMatch(line -> line.contains("DEBUG"));
    }

    @Test
    void jsonFormatWritesOneJsonObjectPerLine() throws Exception {
        List<String> lines = probe(Map.of("PPTPGW_LOG_FORMAT", "json"));

        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            events.add(mapper.readTree(line));
        }
        assertThat(events).hasSize(2);
        JsonNode session = events.get(0);
        assertThat(session.get("level").asText()).isEqualTo("INFO");
        assertThat(session.get("loggerName").asText()).isEqualTo("io.pptpgw.session");
        assertThat(session.get("formattedMessage").asText()).isEqualTo("a session event");
        assertThat(session.get("timestamp").isNumber()).isTrue();
        JsonNode accounting = events.get(1);
        assertThat(accounting.get("loggerName").asText()).isEqualTo("io.pptpgw.accounting");
        assertThat(accounting.get("formattedMessage").asText()).startsWith("session ended user=alice ");
        assertThat(accounting.get("kvpList").toString()).contains("{\"user\":\"alice\"}", "{\"sent_bytes\":\"200\"}");
    }

    @Test
    void pppPacketTracesAppearAtDebugOnTheirOwn() throws Exception {
        List<String> lines = probe(Map.of("PPTPGW_PPP_LOG_LEVEL", "DEBUG"));

        assertThat(lines)
                .anyMatch(line -> line.endsWith(
                        " DEBUG [main] io.pptpgw.ppp.lcp - recv [LCP ConfReq id=0x1 <mru 1400> <magic 0x5e1f2a33>]"))
                .noneMatch(line -> line.contains("a session detail"));
        assertThat(probe(Map.of("PPTPGW_LOG_LEVEL", "DEBUG")))
                .anyMatch(line -> line.contains("recv [LCP ConfReq"))
                .anyMatch(line -> line.contains("a session detail"));
    }

    @Test
    void aQuieterRootLevelKeepsTheAccountingRecord() throws Exception {
        assertThat(probe(Map.of("PPTPGW_LOG_LEVEL", "WARN")))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("io.pptpgw.accounting - session ended user=alice"));
        assertThat(probe(Map.of("PPTPGW_LOG_LEVEL", "WARN", "PPTPGW_ACCOUNTING_LOG_LEVEL", "OFF")))
                .isEmpty();
    }

    /**
     * Runs {@link LogProbe} with the main logback.xml and {@code environment}; returns its standard error, where the
     * log goes, after checking that standard output stayed clean for what commands print.
     */
    private static List<String> probe(Map<String, String> environment) throws IOException, InterruptedException {
        URL configuration = LogbackConfigurationTest.class.getResource("/logback.xml");
        assertThat(configuration).as("the main logback.xml on the class path").isNotNull();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath,
                "-Dlogback.configurationFile=" + configuration,
                LogProbe.class.getName());
        builder.environment().keySet().removeIf(name -> name.startsWith("PPTPGW_"));
        builder.environment().putAll(environment);
        builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
        Process process = builder.start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isZero();
        assertThat(out).as("standard output").isEmpty();
        return err.lines().toList();
    }
}
