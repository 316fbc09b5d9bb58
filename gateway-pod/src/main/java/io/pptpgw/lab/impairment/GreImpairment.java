package io.pptpgw.lab.impairment;

import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.LabException;
import io.pptpgw.lab.LabProcess;
import io.pptpgw.lab.Namespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loss and reordering for the GRE a lab router forwards, where the kernel has no netem: nftables drops a share of GRE
 * at random ({@code numgen random mod 100 < N}), and {@link GreReorderRelay} swaps one packet in N of each flow with
 * its successor. With reordering the router's forward hook drops every original GRE packet and the relay re-sends
 * them, so the loss applies to the re-sent copies in the output hook; without, the loss applies in the forward hook.
 *
 * <pre>{@code
 * try (GreImpairment.Applied impaired = new GreImpairment(1, 50).applyTo(lab.namespace("router"))) {
 *     ... traffic through the router ...
 *     impaired.droppedPackets();                 // what nftables dropped so far
 * }                                              // the relay stops, the table goes
 * }</pre>
 *
 * @param lossPercent the share of GRE packets dropped, in percent (0 for none)
 * @param reorderOneIn one packet in this many of each flow arrives after the next one (0 for no reordering)
 */
public record GreImpairment(int lossPercent, int reorderOneIn) {
    /** The router's nftables table, owned by the impairment. */
    public static final String TABLE = "pptpgw_lab_impairment";

    private static final Pattern LOSS_COUNTER = Pattern.compile("numgen random mod 100 < \\d+ counter packets (\\d+)");

    public GreImpairment {
        if (lossPercent < 0 || lossPercent > 100) {
            throw new IllegalArgumentException("GRE loss of " + lossPercent + "% is outside 0..100%");
        }
        if (reorderOneIn != 0 && reorderOneIn < 2) {
            throw new IllegalArgumentException(
                    "reordering one GRE packet in " + reorderOneIn + ": must be 0 (none) or at least 2");
        }
    }

    /** The router's nftables table, in {@code nft -f} syntax. */
    public String ruleset() {
        String loss = lossPercent == 0
                ? ""
                : "\t\tip protocol gre numgen random mod 100 < " + lossPercent + " counter drop\n";
        String forward = reorderOneIn == 0 ? loss : "\t\tip protocol gre drop\n";
        String output = reorderOneIn == 0 ? "" : loss;
        return "table ip " + TABLE + " {\n" + chain("forward", forward) + "\n" + chain("output", output) + "}\n";
    }

    private static String chain(String hook, String rules) {
        return "\tchain " + hook + " {\n\t\ttype filter hook " + hook + " priority filter - 10; policy accept;\n"
                + rules + "\t}\n";
    }

    /** Installs the table on {@code router} and, to reorder, starts the relay there; close the result to undo. */
    public Applied applyTo(Namespace router) {
        router.exec("nft", "delete", "table", "ip", TABLE); // a leftover of an earlier run, if any
        router.command("nft", "-f", "-").withInput(ruleset()).run().orThrow();
        if (reorderOneIn == 0) {
            return new Applied(router, null);
        }
        LabProcess relay = router.startJava(
                GreReorderRelay.class, "--reorder-one-in", Integer.toString(reorderOneIn), "--hold-millis", "10");
        try {
            relay.awaitOutput(GreReorderRelay.READY, Duration.ofSeconds(60));
        } catch (LabException e) {
            relay.close();
            router.exec("nft", "delete", "table", "ip", TABLE);
            throw e;
        }
        return new Applied(router, relay);
    }

    /** An impairment in place on a router. */
    public static final class Applied implements AutoCloseable {
        private final Namespace router;
        private final LabProcess relay;
        private final List<String> relaySummary = new ArrayList<>();
        private boolean closed;

        private Applied(Namespace router, LabProcess relay) {
            this.router = router;
            this.relay = relay;
        }

        /** GRE packets nftables dropped at random so far. */
        public long droppedPackets() {
            String listing =
                    router.exec("nft", "list", "table", "ip", TABLE).orThrow().stdout();
            Matcher counter = LOSS_COUNTER.matcher(listing);
            return counter.find() ? Long.parseLong(counter.group(1)) : 0;
        }

        /** The relay's counters (its last line of output), once closed; empty without reordering. */
        public String relaySummary() {
            return String.join("\n", relaySummary);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (relay != null) {
                relay.close(); // SIGTERM: the relay prints its counters on the way out
                ExecResult result = relay.waitFor(Duration.ofSeconds(10));
                result.stdout()
                        .lines()
                        .filter(line -> line.startsWith("relayed"))
                        .forEach(relaySummary::add);
                if (relaySummary.isEmpty()) {
                    relaySummary.add(
                            "the relay printed no counters (exit " + result.exitCode() + "): " + result.stderr());
                }
            }
            router.exec("nft", "delete", "table", "ip", TABLE);
        }
    }
}
