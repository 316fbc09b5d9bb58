package io.pptpgw.config;

import java.util.List;

/** A gateway configuration broke one or more rules; {@link #problems()} names each field, its value and the rule. */
public final class InvalidConfigException extends RuntimeException {
    private final List<String> problems;

    public InvalidConfigException(String source, List<String> problems) {
        super(source + " is invalid (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
