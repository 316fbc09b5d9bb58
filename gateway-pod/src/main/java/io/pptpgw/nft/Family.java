package io.pptpgw.nft;

/** The address family of a table, as nft spells it. */
public enum Family {
    IP("ip"),
    IP6("ip6"),
    INET("inet"),
    ARP("arp"),
    BRIDGE("bridge"),
    NETDEV("netdev");

    private final String keyword;

    Family(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public static Family fromKeyword(String keyword) {
        for (Family family : values()) {
            if (family.keyword.equals(keyword)) {
                return family;
            }
        }
        throw new IllegalArgumentException(
                "nft family \"" + keyword + "\" is not one of ip, ip6, inet, arp, bridge, netdev");
    }
}
