package io.pptpgw.nft;

import java.util.regex.Pattern;

/**
 * A conntrack helper object ({@code ct helper NAME { type "pptp" protocol tcp; l3proto ip }}). Since Linux 4.7
 * helpers are never assigned automatically; a rule assigns it with {@code ct helper set "NAME"}.
 */
public record CtHelper(String name, String helperType, String protocol, String l3proto) implements TableObject {
    private static final Pattern WORD = Pattern.compile("[a-z0-9-]{1,16}");

    public CtHelper {
        TableObject.checkName("ct helper", name);
        for (String word : new String[] {helperType, protocol, l3proto}) {
            if (word == null || !WORD.matcher(word).matches()) {
                throw new IllegalArgumentException("ct helper " + name + " has field \"" + word
                        + "\"; type, protocol and l3proto are short lowercase words");
            }
        }
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw new IllegalArgumentException("ct helper " + name + " protocol " + protocol + " must be tcp or udp");
        }
    }

    /** The kernel's PPTP helper (nf_conntrack_pptp): follows TCP 1723 and sets up the GRE of each call. */
    public static CtHelper pptp(String name) {
        return new CtHelper(name, "pptp", "tcp", "ip");
    }
}
