package io.pptpgw.nft;

import io.pptpgw.net.NetValue;
import io.pptpgw.nft.NamedSet.ElementType;
import java.util.HashSet;
import java.util.List;

/** A named map from keys to values, used in rules as {@code <key expression> map @name}. */
public record NftMap(String name, ElementType keyType, ElementType valueType, List<Element> elements)
        implements TableObject {
    public NftMap {
        TableObject.checkName("map", name);
        elements = List.copyOf(elements);
        var keys = new HashSet<NetValue>();
        for (Element element : elements) {
            keyType.check("map " + name + " key", element.key());
            valueType.check("map " + name + " value", element.value());
            if (!keys.add(element.key())) {
                throw new IllegalArgumentException("map " + name + " has key " + element.key() + " twice");
            }
        }
    }

    /** One {@code key : value} pair. */
    public record Element(NetValue key, NetValue value) {}
}
