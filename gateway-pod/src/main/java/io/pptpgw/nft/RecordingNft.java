package io.pptpgw.nft;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory {@link Nft} for tests. It records each call as the argument vector and standard input
 * {@link NftCli} would use, and keeps a small model of the kernel's tables: a script's {@code table F N { ... }}
 * block becomes that table's listing, and {@code add}/{@code delete}/{@code destroy table} lines act as nft would.
 * Tests can simulate someone else's {@code nft flush ruleset} and make the next calls fail.
 */
public final class RecordingNft implements Nft {
    /** One call, as NftCli would have run it. */
    public record Call(List<String> argv, String stdin) {}

    private static final Pattern TABLE_LINE = Pattern.compile("^(add|delete|destroy) table (\\w+) (\\S+)$");
    private static final Pattern TABLE_BLOCK = Pattern.compile("^table (\\w+) (\\S+) \\{$");

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, String> tables = new LinkedHashMap<>();
    private final Features features;
    private final List<NftException> failures = new ArrayList<>();
    private String rulesetJson = "{\"nftables\": []}";

    public RecordingNft() {
        this(Features.BASELINE);
    }

    public RecordingNft(Features features) {
        this.features = features;
    }

    @Override
    public synchronized void check(String script) {
        record(List.of("nft", "--check", "-f", "-"), script);
    }

    @Override
    public synchronized void apply(String script) {
        record(List.of("nft", "-f", "-"), script);
        Map<String, String> next = new LinkedHashMap<>(tables);
        List<String> lines = script.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher command = TABLE_LINE.matcher(lines.get(i));
            Matcher block = TABLE_BLOCK.matcher(lines.get(i));
            if (command.matches()) {
                applyTableCommand(next, command.group(1), command.group(2) + " " + command.group(3), lines.get(i));
            } else if (block.matches()) {
                int end = i + lines.subList(i, lines.size()).indexOf("}");
                next.put(block.group(1) + " " + block.group(2), String.join("\n", lines.subList(i, end + 1)) + "\n");
                i = end;
            }
        }
        tables.clear();
        tables.putAll(next);
    }

    private static void applyTableCommand(Map<String, String> tables, String verb, String table, String line) {
        switch (verb) {
            case "add" -> tables.putIfAbsent(table, "table " + table + " {\n}\n");
            case "destroy" -> tables.remove(table);
            default -> {
                if (tables.remove(table) == null) {
                    throw new NftException(
                            List.of("nft", "-f", "-"),
                            1,
                            "Error: Could not process rule: No such file or directory\n" + line,
                            null);
                }
            }
        }
    }

    @Override
    public synchronized String listTable(Family family, String table) {
        String key = family.keyword() + " " + table;
        record(List.of("nft", "list", "table", family.keyword(), table), "");
        String listing = tables.get(key);
        if (listing == null) {
            throw notFound(List.of("nft", "list", "table", family.keyword(), table));
        }
        return listing;
    }

    @Override
    public synchronized void deleteTable(Family family, String table) {
        List<String> argv = List.of("nft", "delete", "table", family.keyword(), table);
        record(argv, "");
        if (tables.remove(family.keyword() + " " + table) == null) {
            throw notFound(argv);
        }
    }

    @Override
    public synchronized String listRulesetJson() {
        record(List.of("nft", "-j", "list", "ruleset"), "");
        return rulesetJson;
    }

    @Override
    public Features features() {
        return features;
    }

    private void record(List<String> argv, String stdin) {
        calls.add(new Call(argv, stdin));
        if (!failures.isEmpty()) {
            throw failures.removeFirst();
        }
    }

    private static NftException notFound(List<String> argv) {
        return new NftException(argv, 1, "Error: No such file or directory; did you mean table?", null);
    }

    /** Someone ran {@code nft flush ruleset}: every table is gone. */
    public synchronized void flushRuleset() {
        tables.clear();
    }

    /** Someone edited a table by hand: its listing is now {@code listing}. */
    public synchronized void replaceListing(Family family, String table, String listing) {
        tables.put(family.keyword() + " " + table, listing);
    }

    /** The next call fails with {@code failure} (recorded first, like a real failing command). */
    public synchronized void failNextCall(NftException failure) {
        failures.add(failure);
    }

    public synchronized void setRulesetJson(String json) {
        rulesetJson = json;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized Map<String, String> tables() {
        return Map.copyOf(tables);
    }
}
