package io.pptpgw.nft;

import io.pptpgw.net.Cidr;
import io.pptpgw.net.FwMark;
import io.pptpgw.net.InterfaceName;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.net.NetValue;
import io.pptpgw.net.Port;
import io.pptpgw.net.RoutingTable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One rule whose body is nft text, as the nft man page writes it. The text is assembled only from literal
 * keywords written in our code (checked to contain no quotes, semicolons, comments or line breaks), validated
 * {@link NetValue}s, non-negative numbers and references to objects of the table, so nothing read from a resource
 * can reach the script unchecked.
 */
public final class Rule {
    private static final Pattern KEYWORDS = Pattern.compile("[a-z0-9 _.,:/!=<>{}-]+");

    private final String text;
    private final List<TableObject> references;

    private Rule(String text, List<TableObject> references) {
        this.text = text;
        this.references = List.copyOf(references);
    }

    public String text() {
        return text;
    }

    /** The sets, maps and helpers this rule names; the table checks that it defines them. */
    public List<TableObject> references() {
        return references;
    }

    /**
     * A rule from parts: {@code Rule.of("ip saddr", pool, "oifname", wanInterfaces, "masquerade")}. Strings are
     * keywords; {@link NetValue}s render as nft literals; {@link NamedSet}/{@link NftMap} as {@code @name};
     * {@link CtHelper} as its quoted name.
     */
    public static Rule of(Object... parts) {
        List<String> words = new ArrayList<>();
        List<TableObject> references = new ArrayList<>();
        for (Object part : parts) {
            words.add(render(part, references));
        }
        return new Rule(String.join(" ", words), references);
    }

    private static String render(Object part, List<TableObject> references) {
        return switch (part) {
            case String keywords when KEYWORDS.matcher(keywords).matches() -> keywords;
            case String text ->
                throw new IllegalArgumentException("rule text \"" + text
                        + "\" is not a plain keyword sequence (no quotes, '@', ';', '#' or line breaks); pass values as"
                        + " validated types");
            case NetValue value -> literal(value);
            case Integer number when number >= 0 -> number.toString();
            case Long number when number >= 0 -> number.toString();
            case NamedSet set -> reference(set, references);
            case NftMap map -> reference(map, references);
            case CtHelper helper -> {
                references.add(helper);
                yield "\"" + helper.name() + "\"";
            }
            case List<?> values ->
                "{ " + values.stream().map(v -> render(v, references)).collect(Collectors.joining(", ")) + " }";
            default ->
                throw new IllegalArgumentException("rule part " + part + " of type "
                        + part.getClass().getSimpleName() + " cannot be rendered into nft; use a validated value type");
        };
    }

    private static String reference(TableObject object, List<TableObject> references) {
        references.add(object);
        return "@" + object.name();
    }

    /** A validated value as an nft literal; interface names are quoted so they are never read as keywords. */
    public static String literal(NetValue value) {
        return switch (value) {
            case Ipv4Address address -> address.toString();
            case Cidr cidr -> cidr.toString();
            case InterfaceName name -> "\"" + name.name() + "\"";
            case FwMark mark -> String.format("0x%08x", mark.value());
            case Port port -> port.toString();
            case RoutingTable table -> table.toString();
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Rule rule && rule.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
