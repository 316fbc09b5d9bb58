package io.pptpgw.doctor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pptpgw.doctor.CheckResult.Status;
import java.util.List;
import java.util.Locale;

/** The doctor's findings: readable text or JSON, and an exit code that is non-zero when any check failed. */
public record Report(String gateway, List<CheckResult> results) {
    public Report {
        results = List.copyOf(results);
    }

    public boolean failed() {
        return results.stream().anyMatch(r -> r.status() == Status.FAIL);
    }

    /** 0 when nothing failed (warnings allowed), 1 otherwise. */
    public int exitCode() {
        return failed() ? 1 : 0;
    }

    public String text() {
        StringBuilder out =
                new StringBuilder("pptpgw doctor: gateway ").append(gateway).append('\n');
        for (CheckResult result : results) {
            out.append(
                    String.format(Locale.ROOT, "%-4s  %-20s %s%n", result.status(), result.check(), result.message()));
            if (!result.hint().isEmpty()) {
                out.append(String.format(Locale.ROOT, "      %-20s hint: %s%n", "", result.hint()));
            }
        }
        long failures = count(Status.FAIL);
        long warnings = count(Status.WARN);
        out.append(
                failures == 0 && warnings == 0
                        ? "all " + results.size() + " checks passed\n"
                        : failures + " failed, " + warnings + " warnings, " + count(Status.PASS) + " passed\n");
        return out.toString();
    }

    public String json() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("gateway", gateway);
        root.put("ok", !failed());
        ArrayNode checks = root.putArray("checks");
        for (CheckResult result : results) {
            ObjectNode check = checks.addObject();
            check.put("check", result.check());
            check.put("status", result.status().name().toLowerCase(Locale.ROOT));
            check.put("message", result.message());
            check.put("hint", result.hint());
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the doctor's report as JSON", e);
        }
    }

    private long count(Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }
}
