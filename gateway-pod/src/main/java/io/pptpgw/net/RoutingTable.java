package io.pptpgw.net;

/**
 * A policy routing table id for {@code ip rule ... lookup T}: 1 to 2^32-1, but not the kernel's own tables 253
 * (default), 254 (main) or 255 (local), which belong to everyone.
 */
public record RoutingTable(long id) implements NetValue {
    public RoutingTable {
        if (id < 1 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("routing table " + id + " must be 1 to 4294967295");
        }
        if (id >= 253 && id <= 255) {
            String which = id == 253 ? "default" : id == 254 ? "main" : "local";
            throw new IllegalArgumentException("routing table " + id + " is the kernel's " + which
                    + " table; choose a table of your own (e.g. 100)");
        }
    }

    @Override
    public String toString() {
        return Long.toString(id);
    }
}
