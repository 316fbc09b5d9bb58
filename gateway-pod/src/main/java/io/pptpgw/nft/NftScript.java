package io.pptpgw.nft;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a {@link Table} into nft's script language. {@link #replace} makes one transaction that swaps the
 * whole table: the kernel applies all of it or none of it, so no packet ever sees half a ruleset, and
 * {@code flush table} is not used because it would leave stale chains and sets behind.
 */
public final class NftScript {
    private NftScript() {}

    /**
     * A script that removes the table if present and defines it anew, atomically. Without {@code destroy}
     * (nft before 1.0.8 or Linux before 6.3) the table is first added, so that the delete cannot fail.
     */
    public static String replace(Table table, Nft.Features features) {
        return remove(table.family(), table.name(), features) + definition(table);
    }

    /** A script that removes the table whether or not it exists. */
    public static String remove(Family family, String table, Nft.Features features) {
        TableObject.checkName("table", table);
        String name = family.keyword() + " " + table;
        return features.destroy()
                ? "destroy table " + name + "\n"
                : "add table " + name + "\n" + "delete table " + name + "\n";
    }

    /** The table's full definition, {@code table inet NAME { ... }}, in nft's own layout. */
    public static String definition(Table table) {
        String body = table.objects().stream().map(NftScript::render).collect(Collectors.joining("\n"));
        return "table " + table.qualifiedName() + " {\n" + body + "}\n";
    }

    private static String render(TableObject object) {
        return switch (object) {
            case CtHelper helper ->
                block(
                        "ct helper " + helper.name(),
                        List.of(
                                "type \"" + helper.helperType() + "\" protocol " + helper.protocol(),
                                "l3proto " + helper.l3proto()));
            case NamedSet set ->
                block(
                        "set " + set.name(),
                        withElements(
                                "type " + set.type().keyword(),
                                set.elements().stream().map(Rule::literal).toList()));
            case NftMap map ->
                block(
                        "map " + map.name(),
                        withElements(
                                "type " + map.keyType().keyword() + " : "
                                        + map.valueType().keyword(),
                                map.elements().stream()
                                        .map(e -> Rule.literal(e.key()) + " : " + Rule.literal(e.value()))
                                        .toList()));
            case Chain chain -> block("chain " + chain.name(), chainLines(chain));
        };
    }

    private static List<String> chainLines(Chain chain) {
        var lines = new java.util.ArrayList<String>();
        lines.add("comment \"" + chain.comment() + "\"");
        chain.base().ifPresent(base -> lines.add(base.render()));
        chain.rules().forEach(rule -> lines.add(rule.text()));
        return lines;
    }

    private static List<String> withElements(String typeLine, List<String> elements) {
        return elements.isEmpty()
                ? List.of(typeLine)
                : List.of(typeLine, "elements = { " + String.join(", ", elements) + " }");
    }

    private static String block(String header, List<String> lines) {
        StringBuilder out = new StringBuilder("\t").append(header).append(" {\n");
        lines.forEach(line -> out.append("\t\t").append(line).append('\n'));
        return out.append("\t}\n").toString();
    }
}
