package io.pptpgw.cli;

import io.pptpgw.config.GatewayConfig;
import io.pptpgw.config.GatewayConfigLoader;
import io.pptpgw.config.InvalidConfigException;
import io.pptpgw.doctor.Doctor;
import io.pptpgw.doctor.DoctorContext;
import io.pptpgw.doctor.Report;
import io.pptpgw.net.CommandRunner;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.net.ProcessCommandRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pptpgw doctor}: the PPTP-through-NAT checklist for this node, as text or JSON, with an exit code. */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Checks this node for what breaks PPTP through NAT: IP forwarding, GRE and PPTP conntrack support, the"
                    + " gateway's nftables table, other tables dropping TCP 1723 or GRE, MSS clamping, conntrack"
                    + " entries of live sessions and the tunnel MTU.",
            "Exit code 0 when nothing failed (warnings allowed), 1 when a check failed, 2 when the configuration or"
                    + " an option is invalid."
        })
public final class DoctorCommand implements Callable<Integer> {
    static final int INVALID_CONFIG = 2;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The PptpGateway YAML the gateway runs with (default: the embedded default configuration).")
    private Path config;

    @Option(
            names = "--node-pools",
            paramLabel = "FILE",
            description = "The operator's node-pools.yaml; with it the node's own pool is checked (needs --node).")
    private Path nodePools;

    @Option(
            names = "--node",
            paramLabel = "NAME",
            defaultValue = "${env:NODE_NAME}",
            description = "This node's name (default: $NODE_NAME).")
    private String node;

    @Option(
            names = "--peer",
            paramLabel = "ADDRESS",
            description = "The address of a live session's peer; repeatable (default: peers of established TCP"
                    + " connections to the listen port).")
    private List<String> peers = new ArrayList<>();

    @Option(
            names = "--netns",
            paramLabel = "NAME",
            description = "Examine this network namespace instead of the host's.")
    private String netns;

    @Option(names = "--json", description = "Print the report as JSON.")
    private boolean json;

    @Override
    public Integer call() {
        GatewayConfig gateway;
        CommandRunner runner;
        List<Ipv4Address> livePeers;
        try {
            gateway = loadConfig();
            runner = netns == null ? ProcessCommandRunner.host() : ProcessCommandRunner.inNamespace(netns);
            livePeers = peers.stream().map(Ipv4Address::parse).toList();
        } catch (InvalidConfigException | IllegalArgumentException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return INVALID_CONFIG;
        }
        Report report = Doctor.examine(DoctorContext.of(gateway, runner).withLivePeers(livePeers));
        spec.commandLine().getOut().print(json ? report.json() : report.text());
        spec.commandLine().getOut().flush();
        return report.exitCode();
    }

    private GatewayConfig loadConfig() {
        if (config == null) {
            return GatewayConfigLoader.embeddedDefault();
        }
        return nodePools == null ? GatewayConfigLoader.load(config) : GatewayConfigLoader.load(config, nodePools, node);
    }
}
