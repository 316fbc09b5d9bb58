package io.pptpgw.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.net.RecordingCommandRunner;
import io.pptpgw.nft.RecordingNft;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
    private final Report report = new Report(
            "office",
            List.of(
                    CheckResult.pass("ip-forwarding", "net.ipv4.ip_forward is 1"),
                    CheckResult.warn("tunnel-mtu", "tunnel interface pptp-office does not exist", "is it running?"),
                    CheckResult.fail("foreign-drops", "table ip filter, chain INPUT drops GRE", "accept GRE there")));

    @Test
    void theTextReportListsEachCheckWithItsHint() {
        assertThat(report.text()).isEqualTo("""
                pptpgw doctor: gateway office
                PASS  ip-forwarding        net.ipv4.ip_forward is 1
                WARN  tunnel-mtu           tunnel interface pptp-office does not exist
                                           hint: is it running?
                FAIL  foreign-drops        table ip filter, chain INPUT drops GRE
                                           hint: accept GRE there
                1 failed, 1 warnings, 1 passed
                """);
    }

    @Test
    void jsonHasTheSameFindings() {
        assertThat(report.json())
                .contains(
                        "\"gateway\" : \"office\"",
                        "\"ok\" : false",
                        "\"status\" : \"fail\"",
                        "\"message\" : \"table ip filter, chain INPUT drops GRE\"");
    }

    @Test
    void theExitCodeIsNonZeroOnlyWhenSomethingFailed() {
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(new Report("office", report.results().subList(0, 2)).exitCode())
                .isZero();
    }

    @Test
    void aCheckThatThrowsIsAFailureAndTheOthersStillRun() {
        Check broken = new Check() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public CheckResult run(DoctorContext context) {
                throw new IllegalStateException("boom");
            }
        };
        DoctorContext context = Fixtures.context(new RecordingNft(), new RecordingCommandRunner());

        Report result = Doctor.examine(context, List.of(broken, new IpForwardingCheck()));

        assertThat(result.results()).extracting(CheckResult::check).containsExactly("broken", "ip-forwarding");
        assertThat(result.results().getFirst().message()).isEqualTo("the check itself failed: boom");
    }
}
