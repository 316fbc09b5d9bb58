package io.pptpgw.nft;

import io.pptpgw.net.FwMark;
import io.pptpgw.net.InterfaceName;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.net.NetValue;
import io.pptpgw.net.Port;
import java.util.List;

/**
 * A named set: rules match against it with {@code @name}, and its elements can change without touching the rules
 * (knftables' "static chains, dynamic sets").
 */
public record NamedSet(String name, ElementType type, List<NetValue> elements) implements TableObject {
    public NamedSet {
        TableObject.checkName("set", name);
        elements = List.copyOf(elements);
        for (NetValue element : elements) {
            type.check("set " + name, element);
        }
        if (elements.stream().distinct().count() != elements.size()) {
            throw new IllegalArgumentException("set " + name + " lists an element twice: " + elements);
        }
    }

    /** The nft data types our sets and maps hold, each with the value type whose instances it accepts. */
    public enum ElementType {
        IPV4_ADDR("ipv4_addr", Ipv4Address.class),
        IFNAME("ifname", InterfaceName.class),
        MARK("mark", FwMark.class),
        INET_SERVICE("inet_service", Port.class);

        private final String keyword;
        private final Class<? extends NetValue> valueType;

        ElementType(String keyword, Class<? extends NetValue> valueType) {
            this.keyword = keyword;
            this.valueType = valueType;
        }

        public String keyword() {
            return keyword;
        }

        void check(String owner, NetValue value) {
            if (!valueType.isInstance(value)) {
                throw new IllegalArgumentException(owner + " holds " + keyword + " but was given "
                        + value.getClass().getSimpleName() + " " + value);
            }
        }
    }
}
