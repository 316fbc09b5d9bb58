package io.pptpgw.nft;

import java.util.List;
import java.util.Optional;

/**
 * A chain: a named, ordered list of rules with a comment that says what it is for. A chain with a {@link BaseChain}
 * is called by the kernel; one without is only reached by jumps.
 */
public record Chain(String name, String comment, Optional<BaseChain> base, List<Rule> rules) implements TableObject {
    public Chain {
        TableObject.checkName("chain", name);
        TableObject.checkComment("chain " + name, comment);
        base = base == null ? Optional.empty() : base;
        rules = List.copyOf(rules);
    }

    public static Chain base(String name, String comment, BaseChain base, List<Rule> rules) {
        return new Chain(name, comment, Optional.of(base), rules);
    }

    public static Chain regular(String name, String comment, List<Rule> rules) {
        return new Chain(name, comment, Optional.empty(), rules);
    }

    /** The same chain without its hook: it holds the same rules but the kernel never runs it. */
    public Chain withoutHook() {
        return new Chain(name, comment, Optional.empty(), rules);
    }
}
