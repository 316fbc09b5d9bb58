package io.pptpgw.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.cli.PptpgwCommand;
import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.Lab;
import io.pptpgw.lab.LabProcess;
import io.pptpgw.lab.LabTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway and our client as real processes in network namespaces, with the real kernel in between. */
@LabTopology("client-node")
class GatewayProcessIT {
    @TempDir
    Path files;

    @Test
    void probeDialsTheGatewayWithMppe128AndPingsItsTunnelAddress(Lab lab) throws IOException {
        Path config = write("gateway.yaml", """
                apiVersion: pptpgw.io/v1alpha1
                kind: PptpGateway
                metadata: {name: lab}
                spec:
                  clientPool: {cidr: 10.250.0.0/24}
                  dns: [10.96.0.10]
                  authentication:
                    usersSecretRef: {name: users}
                """);
        Path users = write("users.yaml", "alice: secret\n");
        Path password = write("password", "secret\n");
        try (LabProcess gateway = lab.namespace("node")
                .startJava(
                        PptpgwCommand.class, "gateway", "--config", config.toString(), "--users", users.toString())) {
            gateway.awaitOutput("listening on port", Duration.ofSeconds(60));

            ExecResult probe = lab.namespace("client")
                    .java(
                            PptpgwCommand.class,
                            "probe",
                            "--server",
                            lab.address("node", "wan1"),
                            "--user",
                            "alice",
                            "--password-file",
                            password.toString(),
                            "--ping",
                            "10.250.0.1")
                    .withTimeout(Duration.ofSeconds(60))
                    .run();

            assertThat(probe.exitCode())
                    .as(probe + "\ngateway:\n" + gateway.stdout() + gateway.stderr())
                    .isZero();
            assertThat(probe.stdout())
                    .contains("address: 10.250.0.")
                    .contains("dns: 10.96.0.10")
                    .contains("encryption: mppe-128")
                    .contains("3/3 pings answered");
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(files.resolve(name), content);
    }
}
