package io.pptpgw.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import io.pptpgw.doctor.NftRuleset.ChainInfo;
import io.pptpgw.doctor.NftRuleset.RuleInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Follows one kind of packet (a new TCP connection to a port, or a new GRE flow) through one base chain of nft's
 * JSON, rule by rule, jumps included, and says whether the chain drops it for certain, may drop it, or lets it
 * pass. A match the walk cannot decide (addresses, interfaces, marks, iptables-nft matches) makes its rule
 * conditional. Conditional accepts and drops count only when the rule is about the probe (it matches its protocol
 * or port): a conditional drop is then a "may drop", a conditional accept weakens a later certain drop to "may".
 * Other conditional rules are not about PPTP and are passed over, except jumps, which are followed.
 */
final class ChainWalk {
    /** The packet being followed. {@code port} is -1 for GRE. */
    record Probe(String name, String l4proto, int l4number, int port) {
        static Probe tcp(int port) {
            return new Probe("TCP " + port, "tcp", 6, port);
        }

        static final Probe GRE = new Probe("GRE", "gre", 47, -1);
    }

    enum Verdict {
        PASSES,
        MAY_DROP,
        DROPS
    }

    /** The verdict and, unless it passes, where the drop is. */
    record Outcome(Verdict verdict, String where) {}

    private enum Truth {
        TRUE,
        FALSE,
        UNKNOWN
    }

    private final NftRuleset ruleset;
    private final Probe probe;
    private final Set<String> visiting = new HashSet<>();
    private String maybeDrop;
    private boolean mayHaveAccepted;

    private ChainWalk(NftRuleset ruleset, Probe probe) {
        this.ruleset = ruleset;
        this.probe = probe;
    }

    static Outcome walk(NftRuleset ruleset, ChainInfo baseChain, Probe probe) {
        ChainWalk walk = new ChainWalk(ruleset, probe);
        Optional<Outcome> decided = walk.chain(baseChain);
        return decided.orElseGet(() -> walk.policy(baseChain));
    }

    private Outcome policy(ChainInfo chain) {
        if (chain.policy().equals("drop")) {
            return mayHaveAccepted
                    ? new Outcome(
                            Verdict.MAY_DROP,
                            chain.describe() + ": policy drop, and only conditional rules accept " + probe.name())
                    : new Outcome(
                            Verdict.DROPS, chain.describe() + ": policy drop, and no rule accepts " + probe.name());
        }
        return maybeDrop == null ? new Outcome(Verdict.PASSES, "") : new Outcome(Verdict.MAY_DROP, maybeDrop);
    }

    /** What one rule does with the probe. */
    private sealed interface Step {
        /** The rule does not decide: go on with the next rule. */
        record Next() implements Step {}

        /** Leave this chain ({@code return}, or a {@code goto} that came back). */
        record Leave() implements Step {}

        record Decided(Outcome outcome) implements Step {}
    }

    private static final Step NEXT = new Step.Next();

    /** A decided outcome, or empty when the packet falls through to the end of the chain (or returns). */
    private Optional<Outcome> chain(ChainInfo chain) {
        String key = chain.family() + " " + chain.table() + " " + chain.name();
        if (visiting.size() > 32 || !visiting.add(key)) {
            return Optional.empty(); // a loop nft itself would refuse; do not follow it
        }
        try {
            for (RuleInfo rule : ruleset.rulesOf(chain)) {
                switch (rule(rule, chain)) {
                    case Step.Next next -> {}
                    case Step.Leave leave -> {
                        return Optional.empty();
                    }
                    case Step.Decided decided -> {
                        return Optional.of(decided.outcome());
                    }
                }
            }
            return Optional.empty();
        } finally {
            visiting.remove(key);
        }
    }

    private Step rule(RuleInfo rule, ChainInfo chain) {
        Truth condition = Truth.TRUE;
        boolean aboutProbe = false;
        for (JsonNode expression : rule.expressions()) {
            if (isVerdict(expression)) {
                boolean jumps = expression.has("jump") || expression.has("goto");
                if (condition == Truth.UNKNOWN && !aboutProbe && !jumps) {
                    return NEXT; // e.g. "ip saddr 192.0.2.0/24 drop", "iifname lo accept": not about PPTP
                }
                return verdict(expression, condition, chain.describe() + ", rule handle " + rule.handle(), chain);
            }
            Truth truth = condition(expression, rule);
            aboutProbe |= truth == Truth.TRUE && isAboutProbe(expression);
            condition = and(condition, truth);
            if (condition == Truth.FALSE) {
                return NEXT;
            }
        }
        return NEXT;
    }

    /**
     * A match that singles out the probe: the destination port for TCP (a match on "tcp" alone is about all TCP),
     * the protocol for GRE.
     */
    private boolean isAboutProbe(JsonNode expression) {
        JsonNode left = expression.path("match").path("left");
        String field = left.path("payload").path("field").asText();
        String key = left.path("meta").path("key").asText();
        return probe.port() > 0 ? field.equals("dport") : field.equals("protocol") || key.equals("l4proto");
    }

    private static boolean isVerdict(JsonNode expression) {
        for (String verdict : VERDICTS) {
            if (expression.has(verdict)) {
                return true;
            }
        }
        return false;
    }

    /** nft's verdicts, and the NAT statements, which end their chain like an accept. */
    private static final List<String> VERDICTS = List.of(
            "accept", "queue", "drop", "reject", "return", "jump", "goto", "masquerade", "snat", "dnat", "redirect");

    private Step verdict(JsonNode expression, Truth condition, String where, ChainInfo chain) {
        if (expression.has("drop") || expression.has("reject")) {
            if (condition == Truth.UNKNOWN) {
                maybeDrop = maybeDrop != null
                        ? maybeDrop
                        : where + " drops " + probe.name() + " under conditions the" + " doctor cannot evaluate";
                return NEXT;
            }
            return new Step.Decided(
                    mayHaveAccepted || maybeDrop != null
                            ? new Outcome(Verdict.MAY_DROP, where + " drops " + probe.name())
                            : new Outcome(Verdict.DROPS, where + " drops " + probe.name()));
        }
        if (expression.has("return")) {
            return condition == Truth.TRUE ? new Step.Leave() : NEXT;
        }
        if (expression.has("jump") || expression.has("goto")) {
            return jump(expression, condition, chain);
        }
        if (condition == Truth.UNKNOWN) {
            mayHaveAccepted = true;
            return NEXT;
        }
        return new Step.Decided(
                maybeDrop == null ? new Outcome(Verdict.PASSES, "") : new Outcome(Verdict.MAY_DROP, maybeDrop));
    }

    private Step jump(JsonNode expression, Truth condition, ChainInfo chain) {
        boolean isGoto = expression.has("goto");
        String target = expression.path(isGoto ? "goto" : "jump").path("target").asText();
        Optional<Outcome> sub =
                ruleset.chain(chain.family(), chain.table(), target).flatMap(this::chain);
        if (sub.isEmpty()) {
            return isGoto && condition == Truth.TRUE ? new Step.Leave() : NEXT;
        }
        if (condition == Truth.TRUE) {
            return new Step.Decided(sub.get());
        }
        if (sub.get().verdict() == Verdict.PASSES) {
            mayHaveAccepted = true;
        } else if (maybeDrop == null) {
            maybeDrop = sub.get().where();
        }
        return NEXT;
    }

    private static Truth and(Truth a, Truth b) {
        if (a == Truth.FALSE || b == Truth.FALSE) {
            return Truth.FALSE;
        }
        return a == Truth.UNKNOWN || b == Truth.UNKNOWN ? Truth.UNKNOWN : Truth.TRUE;
    }

    /** How an expression constrains the probe: TRUE when it is no condition at all (a statement or verdict). */
    private Truth condition(JsonNode expression, RuleInfo rule) {
        if (expression.has("match")) {
            return match(expression.get("match"), rule);
        }
        if (expression.has("xt") || expression.has("limit") || expression.has("quota")) {
            return Truth.UNKNOWN;
        }
        return Truth.TRUE;
    }

    private Truth match(JsonNode match, RuleInfo rule) {
        JsonNode left = match.path("left");
        Optional<List<String>> packet = packetValue(left);
        if (packet == null) {
            return Truth.FALSE; // a header the probe does not have (udp, ip6, tcp for GRE)
        }
        if (packet.isEmpty()) {
            return Truth.UNKNOWN;
        }
        Optional<Boolean> contained = contains(match.path("right"), packet.get(), rule);
        if (contained.isEmpty()) {
            return Truth.UNKNOWN;
        }
        boolean matches = match.path("op").asText("==").equals("!=") ? !contained.get() : contained.get();
        return matches ? Truth.TRUE : Truth.FALSE;
    }

    /**
     * The probe's value(s) for a match's left side: its spellings, empty when unknown, or null when the probe does
     * not have that header at all (so the match cannot be true).
     */
    @SuppressWarnings("java:S1168") // null is the third answer: "this header is absent"
    private Optional<List<String>> packetValue(JsonNode left) {
        if (left.has("payload")) {
            String protocol = left.get("payload").path("protocol").asText();
            String field = left.get("payload").path("field").asText();
            return switch (protocol) {
                case "ip" -> field.equals("protocol") ? Optional.of(l4()) : Optional.empty();
                case "tcp" ->
                    !probe.l4proto().equals("tcp")
                            ? null
                            : field.equals("dport")
                                    ? Optional.of(List.of(Integer.toString(probe.port())))
                                    : Optional.empty();
                case "th" ->
                    field.equals("dport") && probe.port() > 0
                            ? Optional.of(List.of(Integer.toString(probe.port())))
                            : Optional.empty();
                case "ip6", "udp", "udplite", "sctp", "dccp", "icmp", "icmpv6", "arp" -> null;
                default -> Optional.empty();
            };
        }
        if (left.has("meta")) {
            return switch (left.get("meta").path("key").asText()) {
                case "l4proto" -> Optional.of(l4());
                case "nfproto" -> Optional.of(List.of("ipv4"));
                case "protocol" -> Optional.of(List.of("ip"));
                default -> Optional.empty();
            };
        }
        if (left.has("ct") && left.get("ct").path("key").asText().equals("state")) {
            return Optional.of(List.of("new"));
        }
        return Optional.empty();
    }

    private List<String> l4() {
        return List.of(probe.l4proto(), Integer.toString(probe.l4number()));
    }

    /** Whether the right side holds one of the probe's spellings; empty when it cannot tell. */
    private Optional<Boolean> contains(JsonNode right, List<String> values, RuleInfo rule) {
        if (right.isTextual() && right.asText().startsWith("@")) {
            return ruleset.set(rule.family(), rule.table(), right.asText().substring(1))
                    .flatMap(set -> anyContains(set.elements(), values, rule));
        }
        if (right.isArray()) {
            return anyContains(right, values, rule);
        }
        if (right.has("set")) {
            return anyContains(right.get("set"), values, rule);
        }
        if (right.has("range")) {
            JsonNode range = right.get("range");
            if (!range.get(0).isNumber() || !range.get(1).isNumber()) {
                return Optional.empty();
            }
            return values.stream()
                    .filter(v -> v.matches("\\d+"))
                    .findFirst()
                    .map(v -> Integer.parseInt(v) >= range.get(0).asInt()
                            && Integer.parseInt(v) <= range.get(1).asInt());
        }
        if (right.isValueNode()) {
            return Optional.of(values.contains(right.asText()));
        }
        return Optional.empty();
    }

    private Optional<Boolean> anyContains(Iterable<JsonNode> elements, List<String> values, RuleInfo rule) {
        boolean unknown = false;
        for (JsonNode element : elements) {
            Optional<Boolean> one = contains(element, values, rule);
            if (one.isEmpty()) {
                unknown = true;
            } else if (one.get()) {
                return Optional.of(true);
            }
        }
        return unknown ? Optional.empty() : Optional.of(false);
    }
}
