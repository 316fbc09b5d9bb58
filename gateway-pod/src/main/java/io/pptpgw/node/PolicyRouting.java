package io.pptpgw.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pptpgw.config.Wan;
import io.pptpgw.net.CommandException;
import io.pptpgw.net.CommandResult;
import io.pptpgw.net.CommandRunner;
import io.pptpgw.net.FwMark;
import io.pptpgw.net.InterfaceName;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.net.RoutingTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * fwmark policy routing for the WANs: per WAN {@code ip rule add priority P fwmark M lookup T protocol 172} and
 * {@code ip route replace default via G dev D table T proto 172}. The protocol tag (172, unassigned in iproute2's
 * rt_protos) and the rule priority mark what is ours, so listing, repair and removal touch exactly our rules and
 * routes and nothing else on the node.
 */
public final class PolicyRouting {
    public static final int DEFAULT_RULE_PRIORITY = 17230;
    public static final int PROTOCOL = 172;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One {@code ip rule fwmark M lookup T} of ours. */
    public record FwmarkRule(FwMark mark, RoutingTable table) {
        @Override
        public String toString() {
            return "fwmark " + mark.hex() + " lookup " + table;
        }
    }

    /** One default route of ours in a WAN's table. */
    public record WanRoute(RoutingTable table, Ipv4Address gateway, InterfaceName device) {
        @Override
        public String toString() {
            return "default via " + gateway + " dev " + device + " table " + table;
        }
    }

    private final CommandRunner runner;
    private final int rulePriority;

    public PolicyRouting(CommandRunner runner) {
        this(runner, DEFAULT_RULE_PRIORITY);
    }

    public PolicyRouting(CommandRunner runner, int rulePriority) {
        this.runner = runner;
        this.rulePriority = rulePriority;
    }

    public int rulePriority() {
        return rulePriority;
    }

    /** Our fwmark rules as the kernel has them now, duplicates included. */
    public List<FwmarkRule> ourRules() {
        List<FwmarkRule> rules = new ArrayList<>();
        for (JsonNode rule : json(runner.runChecked("ip", "-N", "-j", "-d", "rule", "show"))) {
            boolean ours = rule.path("priority").asInt(-1) == rulePriority
                    && rule.path("protocol").asText().equals(Integer.toString(PROTOCOL))
                    && rule.has("fwmark")
                    && !rule.has("fwmask");
            if (ours) {
                rules.add(new FwmarkRule(
                        new FwMark(Long.decode(rule.get("fwmark").asText())),
                        new RoutingTable(Long.parseLong(rule.path("table").asText()))));
            }
        }
        return rules;
    }

    /** Our routes in {@code table}; empty when the table does not exist. */
    public List<WanRoute> ourRoutes(RoutingTable table) {
        CommandResult result = runner.run(
                "ip", "-N", "-j", "route", "show", "table", table.toString(), "proto", Integer.toString(PROTOCOL));
        if (!result.succeeded()) {
            if (result.stderr().contains("FIB table does not exist")) {
                return List.of();
            }
            throw new CommandException(result.describeFailure());
        }
        List<WanRoute> routes = new ArrayList<>();
        for (JsonNode route : json(result)) {
            if (route.path("dst").asText().equals("default") && route.has("gateway") && route.has("dev")) {
                routes.add(new WanRoute(
                        table,
                        Ipv4Address.parse(route.get("gateway").asText()),
                        InterfaceName.of(route.get("dev").asText())));
            }
        }
        return routes;
    }

    /** What differs from the WANs' desired rules and routes, one readable line each; empty when all is in place. */
    public List<String> differences(List<Wan> wans) {
        List<String> differences = new ArrayList<>();
        List<FwmarkRule> actual = ourRules();
        Set<FwmarkRule> desired = desiredRules(wans);
        for (FwmarkRule rule : desired) {
            long count = actual.stream().filter(rule::equals).count();
            if (count != 1) {
                differences.add("ip rule " + rule + (count == 0 ? " is missing" : " appears " + count + " times"));
            }
        }
        actual.stream()
                .filter(rule -> !desired.contains(rule))
                .distinct()
                .forEach(rule -> differences.add("ip rule " + rule + " is not ours to keep (stale)"));
        for (Wan wan : wans) {
            WanRoute route = desiredRoute(wan);
            List<WanRoute> routes = ourRoutes(wan.table());
            if (!routes.equals(List.of(route))) {
                differences.add("table " + wan.table() + " should hold exactly " + route + " but holds " + routes);
            }
        }
        return differences;
    }

    /** Makes our rules and routes exactly those of {@code wans}: removes stale ones, adds missing ones. */
    public void apply(List<Wan> wans) {
        Set<FwmarkRule> desired = desiredRules(wans);
        Set<FwmarkRule> kept = removeStaleRules(desired);
        for (FwmarkRule rule : desired) {
            if (!kept.contains(rule)) {
                ip(
                        "rule",
                        "add",
                        "priority",
                        Integer.toString(rulePriority),
                        "fwmark",
                        rule.mark().hex(),
                        "lookup",
                        rule.table().toString(),
                        "protocol",
                        Integer.toString(PROTOCOL));
            }
        }
        for (Wan wan : wans) {
            if (!ourRoutes(wan.table()).equals(List.of(desiredRoute(wan)))) {
                flushRoutes(wan.table());
                ip(
                        "route",
                        "replace",
                        "default",
                        "via",
                        wan.gateway().toString(),
                        "dev",
                        wan.interfaceName().name(),
                        "table",
                        wan.table().toString(),
                        "proto",
                        Integer.toString(PROTOCOL));
            }
        }
    }

    /** Deletes our rules that are not desired (with their routes) or repeated; returns the desired ones kept. */
    private Set<FwmarkRule> removeStaleRules(Set<FwmarkRule> desired) {
        Set<FwmarkRule> kept = new LinkedHashSet<>();
        for (FwmarkRule rule : ourRules()) {
            if (!desired.contains(rule) || !kept.add(rule)) {
                deleteRule(rule);
                if (!desired.contains(rule)) {
                    flushRoutes(rule.table());
                }
            }
        }
        return kept;
    }

    private void ip(String... arguments) {
        String[] argv = new String[arguments.length + 1];
        argv[0] = "ip";
        System.arraycopy(arguments, 0, argv, 1, arguments.length);
        runner.runChecked(argv);
    }

    /** Removes every rule of ours and our routes in their tables and in the WANs' tables. */
    public void remove(List<Wan> wans) {
        Set<RoutingTable> tables = new LinkedHashSet<>();
        for (FwmarkRule rule : ourRules()) {
            deleteRule(rule);
            tables.add(rule.table());
        }
        wans.forEach(wan -> tables.add(wan.table()));
        tables.forEach(this::flushRoutes);
    }

    private static Set<FwmarkRule> desiredRules(List<Wan> wans) {
        Set<FwmarkRule> rules = new LinkedHashSet<>();
        wans.forEach(wan -> rules.add(new FwmarkRule(wan.mark(), wan.table())));
        return rules;
    }

    private static WanRoute desiredRoute(Wan wan) {
        return new WanRoute(wan.table(), wan.gateway(), wan.interfaceName());
    }

    private void deleteRule(FwmarkRule rule) {
        runner.runChecked(
                "ip",
                "rule",
                "del",
                "priority",
                Integer.toString(rulePriority),
                "fwmark",
                rule.mark().hex(),
                "lookup",
                rule.table().toString(),
                "protocol",
                Integer.toString(PROTOCOL));
    }

    private void flushRoutes(RoutingTable table) {
        CommandResult result =
                runner.run("ip", "route", "flush", "table", table.toString(), "proto", Integer.toString(PROTOCOL));
        if (!result.succeeded() && !result.stderr().contains("FIB table does not exist")) {
            throw new CommandException(result.describeFailure());
        }
    }

    private static JsonNode json(CommandResult result) {
        try {
            String text = result.stdout().isBlank() ? "[]" : result.stdout();
            JsonNode node = JSON.readTree(text);
            return node.isArray() ? node : JSON.createArrayNode();
        } catch (IOException e) {
            throw new CommandException(
                    "cannot parse the JSON of " + String.join(" ", result.argv()) + ": " + e.getMessage(), e);
        }
    }
}
