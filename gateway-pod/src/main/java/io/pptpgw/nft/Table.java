package io.pptpgw.nft;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;

/**
 * One nftables table and everything in it. The table is the unit we own and replace; objects are kept in the
 * order nft needs them (helpers, sets and maps before the chains whose rules refer to them).
 */
public record Table(Family family, String name, List<TableObject> objects) {
    public Table {
        if (family == null) {
            throw new IllegalArgumentException("table " + name + " needs a family");
        }
        TableObject.checkName("table", name);
        objects = objects.stream()
                .sorted(Comparator.comparingInt(Table::renderOrder))
                .toList();
        checkUniqueNames(name, objects);
        checkReferences(name, objects);
    }

    private static int renderOrder(TableObject object) {
        return switch (object) {
            case CtHelper helper -> 0;
            case NamedSet set -> 1;
            case NftMap map -> 2;
            case Chain chain -> 3;
        };
    }

    private static void checkUniqueNames(String table, List<TableObject> objects) {
        var seen = new HashSet<String>();
        for (TableObject object : objects) {
            String kind = object instanceof Chain ? "chain" : object instanceof CtHelper ? "helper" : "set";
            if (!seen.add(kind + ":" + object.name())) {
                throw new IllegalArgumentException(
                        "table " + table + " defines " + kind + " " + object.name() + " twice");
            }
        }
    }

    private static void checkReferences(String table, List<TableObject> objects) {
        for (Chain chain : chains(objects)) {
            for (Rule rule : chain.rules()) {
                for (TableObject referenced : rule.references()) {
                    if (!objects.contains(referenced)) {
                        throw new IllegalArgumentException("rule \"" + rule + "\" in chain " + chain.name()
                                + " refers to " + referenced.name() + ", which table " + table + " does not define");
                    }
                }
            }
        }
    }

    private static List<Chain> chains(List<TableObject> objects) {
        return objects.stream()
                .filter(Chain.class::isInstance)
                .map(Chain.class::cast)
                .toList();
    }

    public List<Chain> chains() {
        return chains(objects);
    }

    /** {@code inet pptpgw_office}, as nft commands name a table. */
    public String qualifiedName() {
        return family.keyword() + " " + name;
    }

    /**
     * The same contents under another name with every base chain demoted to a regular chain: the kernel accepts
     * and lists it exactly like the real table, but never runs it. {@code pptpgw doctor} compares against it.
     */
    public Table inertTwin(String twinName) {
        List<TableObject> demoted = objects.stream()
                .map(object -> object instanceof Chain chain ? (TableObject) chain.withoutHook() : object)
                .toList();
        return new Table(family, twinName, demoted);
    }
}
