package io.pptpgw.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.cli.DoctorCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command's own failures, before any check runs: exit code 2 and a message naming the problem. */
class DoctorCommandTest {
    private final StringWriter err = new StringWriter();

    private int doctor(String... args) {
        return new CommandLine(new DoctorCommand()).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void anInvalidConfigExitsWithTwoListingTheProblems() {
        assertThat(doctor("--config", "src/test/resources/doctor/README.md")).isEqualTo(2);
        assertThat(err.toString()).contains("src/test/resources/doctor/README.md is invalid");
    }

    @Test
    void aBadPeerAddressExitsWithTwo() {
        assertThat(doctor("--config", "../examples/office.yaml", "--peer", "192.0.2"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("IPv4 address \"192.0.2\" must be four dot-separated decimal octets");
    }

    @Test
    void aBadNamespaceNameExitsWithTwo() {
        assertThat(doctor("--netns", "-x")).isEqualTo(2);
        assertThat(err.toString()).contains("network namespace name \"-x\"");
    }
}
