package io.pptpgw.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The parts of {@code nft -j list ruleset} the checks read: chains with their hooks, rules, and named sets. */
record NftRuleset(List<ChainInfo> chains, List<RuleInfo> rules, List<SetInfo> sets) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A chain; {@code hook} is empty for a regular chain. */
    record ChainInfo(
            String family, String table, String name, String type, Optional<String> hook, int priority, String policy) {
        String describe() {
            return "table " + family + " " + table + ", chain " + name
                    + hook.map(h -> " (hook " + h + ", priority " + priority + ", policy " + policy + ")")
                            .orElse("");
        }
    }

    /** A rule: its chain, handle and expression list as nft's JSON. */
    record RuleInfo(String family, String table, String chain, long handle, JsonNode expressions) {}

    /** A named set (or map) and its elements as JSON values. */
    record SetInfo(String family, String table, String name, List<JsonNode> elements) {}

    static NftRuleset parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "nft -j list ruleset printed something that is not JSON: " + e.getMessage(), e);
        }
        List<ChainInfo> chains = new ArrayList<>();
        List<RuleInfo> rules = new ArrayList<>();
        List<SetInfo> sets = new ArrayList<>();
        for (JsonNode object : root.path("nftables")) {
            if (object.has("chain")) {
                JsonNode c = object.get("chain");
                chains.add(new ChainInfo(
                        c.path("family").asText(),
                        c.path("table").asText(),
                        c.path("name").asText(),
                        c.path("type").asText(""),
                        Optional.ofNullable(c.get("hook")).map(JsonNode::asText),
                        c.path("prio").asInt(0),
                        c.path("policy").asText("accept")));
            } else if (object.has("rule")) {
                JsonNode r = object.get("rule");
                rules.add(new RuleInfo(
                        r.path("family").asText(),
                        r.path("table").asText(),
                        r.path("chain").asText(),
                        r.path("handle").asLong(),
                        r.path("expr")));
            } else if (object.has("set") || object.has("map")) {
                JsonNode s = object.has("set") ? object.get("set") : object.get("map");
                List<JsonNode> elements = new ArrayList<>();
                s.path("elem").forEach(elements::add);
                sets.add(new SetInfo(
                        s.path("family").asText(),
                        s.path("table").asText(),
                        s.path("name").asText(),
                        elements));
            }
        }
        return new NftRuleset(chains, rules, sets);
    }

    List<ChainInfo> chainsOf(String family, String table) {
        return chains.stream()
                .filter(c -> c.family().equals(family) && c.table().equals(table))
                .toList();
    }

    List<RuleInfo> rulesOf(ChainInfo chain) {
        return rules.stream()
                .filter(r -> r.family().equals(chain.family())
                        && r.table().equals(chain.table())
                        && r.chain().equals(chain.name()))
                .toList();
    }

    Optional<ChainInfo> chain(String family, String table, String name) {
        return chains.stream()
                .filter(c -> c.family().equals(family)
                        && c.table().equals(table)
                        && c.name().equals(name))
                .findFirst();
    }

    Optional<SetInfo> set(String family, String table, String name) {
        return sets.stream()
                .filter(s -> s.family().equals(family)
                        && s.table().equals(table)
                        && s.name().equals(name))
                .findFirst();
    }
}
