package io.pptpgw.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Collects every problem of one configuration so the loader fails once, listing them all. */
final class Problems {
    private final List<String> messages = new ArrayList<>();

    /** Parses a required text value; records "path: reason" and returns null when it is missing or invalid. */
    <T> T parse(String path, String raw, Function<String, T> parser) {
        if (raw == null) {
            messages.add(path + " is required");
            return null;
        }
        return make(path, () -> parser.apply(raw));
    }

    /** Builds a value whose constructor validates; records "path: reason" and returns null when it refuses. */
    <T> T make(String path, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            messages.add(path + ": " + e.getMessage());
            return null;
        }
    }

    void add(String message) {
        messages.add(message);
    }

    void addAll(List<String> more) {
        messages.addAll(more);
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    List<String> messages() {
        return List.copyOf(messages);
    }
}
