package io.pptpgw.node;

import io.pptpgw.cli.PptpgwCommand;
import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.LabProcess;
import io.pptpgw.lab.Namespace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Our client, {@code pptpgw probe}, as a real process in a lab namespace, dialling as {@link GatewayProcess#USER}. */
final class Probe {
    /** The link timeout given to the probe; the process itself gets a JVM start more. */
    static final int LINK_SECONDS = 20;

    private static final Duration PROCESS = Duration.ofSeconds(LINK_SECONDS + 70);

    private Probe() {}

    /** What a probe run printed, for assertion messages (its command line is the whole class path). */
    static String describe(ExecResult probe) {
        return "probe exited " + probe.exitCode() + "\n--- stdout\n" + probe.stdout() + "--- stderr\n" + probe.stderr();
    }

    /** Dials {@code server}, does what {@code options} say (e.g. {@code --ping}), hangs up and exits. */
    static ExecResult dial(Namespace client, Path passwordFile, String server, String... options) {
        return start(client, passwordFile, server, options).waitFor(PROCESS);
    }

    /** {@link #dial} without waiting: several probes can dial at once. */
    static LabProcess start(Namespace client, Path passwordFile, String server, String... options) {
        return start(client, passwordFile, server, LINK_SECONDS, options);
    }

    /** {@link #start} with another link timeout, for probes expected to fail. */
    static LabProcess start(Namespace client, Path passwordFile, String server, int linkSeconds, String... options) {
        return client.startJava(PptpgwCommand.class, arguments(passwordFile, server, linkSeconds, options));
    }

    /** Waits for a probe from {@link #start} to exit. */
    static ExecResult finish(LabProcess probe) {
        return probe.waitFor(PROCESS);
    }

    /**
     * Dials {@code server} on a real TUN device {@code tun} and keeps the tunnel up (until the process is closed);
     * returns once the link is up and the TUN configured, or throws with the probe's output.
     */
    static LabProcess hold(Namespace client, Path passwordFile, String server, String tun, String... options) {
        return awaitLink(startHolding(client, passwordFile, server, tun, options));
    }

    /** {@link #hold} without waiting for the link: several clients can dial at once. */
    static LabProcess startHolding(Namespace client, Path passwordFile, String server, String tun, String... options) {
        List<String> all = new ArrayList<>(List.of("--tun", tun, "--hold"));
        all.addAll(List.of(options));
        return start(client, passwordFile, server, all.toArray(String[]::new));
    }

    /** Waits until a holding probe's link is up and its TUN configured; closes it and throws if it never is. */
    static LabProcess awaitLink(LabProcess probe) {
        try {
            // Printed (and flushed) after the TUN got its address and routes.
            probe.awaitOutput("encryption: ", PROCESS);
        } catch (RuntimeException e) {
            probe.close();
            throw e;
        }
        return probe;
    }

    private static String[] arguments(Path passwordFile, String server, int linkSeconds, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "probe",
                "--server",
                server,
                "--user",
                GatewayProcess.USER,
                "--password-file",
                passwordFile.toString(),
                "--timeout",
                Integer.toString(linkSeconds)));
        args.addAll(List.of(options));
        return args.toArray(String[]::new);
    }
}
