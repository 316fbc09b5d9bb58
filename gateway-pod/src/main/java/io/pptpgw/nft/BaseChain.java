package io.pptpgw.nft;

/**
 * What makes a chain a base chain: the kernel calls it from {@code hook} at {@code priority} for packets of its
 * {@code type}, and {@code policy} decides packets that no rule decided.
 */
public record BaseChain(Type type, Hook hook, Priority priority, Policy policy) {
    public BaseChain {
        if (type == null || hook == null || priority == null || policy == null) {
            throw new IllegalArgumentException("base chain needs a type, hook, priority and policy");
        }
        if (type == Type.ROUTE && hook != Hook.OUTPUT) {
            throw new IllegalArgumentException("base chain of type route must hook output, not " + hook.keyword());
        }
    }

    public static BaseChain of(Type type, Hook hook, Priority priority) {
        return new BaseChain(type, hook, priority, Policy.ACCEPT);
    }

    /** {@code type filter hook forward priority mangle; policy accept;} */
    public String render() {
        return "type " + type.keyword() + " hook " + hook.keyword() + " priority " + priority.render(hook) + "; policy "
                + policy.keyword() + ";";
    }

    public enum Type {
        FILTER,
        NAT,
        ROUTE;

        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Hook {
        PREROUTING,
        INPUT,
        FORWARD,
        OUTPUT,
        POSTROUTING,
        INGRESS;

        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Policy {
        ACCEPT,
        DROP;

        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A base chain priority; lower runs first. The standard values have names in nft (and conntrack sits at -200,
     * which is why a ct helper must be assigned at a priority above it).
     */
    public record Priority(int value) {
        public static final Priority RAW = new Priority(-300);
        public static final Priority CONNTRACK = new Priority(-200);
        public static final Priority MANGLE = new Priority(-150);
        public static final Priority DSTNAT = new Priority(-100);
        public static final Priority FILTER = new Priority(0);
        public static final Priority SECURITY = new Priority(50);
        public static final Priority SRCNAT = new Priority(100);

        public Priority plus(int delta) {
            return new Priority(value + delta);
        }

        /** The name nft knows plus an offset when one is within 10 and valid for the hook, else the number. */
        String render(Hook hook) {
            for (String name : new String[] {"raw", "mangle", "dstnat", "filter", "security", "srcnat"}) {
                int base = standard(name);
                boolean valid = !name.equals("dstnat") && !name.equals("srcnat")
                        || name.equals("dstnat") && hook == Hook.PREROUTING
                        || name.equals("srcnat") && hook == Hook.POSTROUTING;
                int offset = value - base;
                if (valid && Math.abs(offset) <= 10) {
                    return offset == 0 ? name : name + (offset > 0 ? " + " : " - ") + Math.abs(offset);
                }
            }
            return Integer.toString(value);
        }

        private static int standard(String name) {
            return switch (name) {
                case "raw" -> RAW.value;
                case "mangle" -> MANGLE.value;
                case "dstnat" -> DSTNAT.value;
                case "filter" -> FILTER.value;
                case "security" -> SECURITY.value;
                default -> SRCNAT.value;
            };
        }
    }
}
