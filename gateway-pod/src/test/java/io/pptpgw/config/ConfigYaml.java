package io.pptpgw.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Test YAML: the office example, with a line replaced to break one rule at a time. */
final class ConfigYaml {
    private ConfigYaml() {}

    static String office() {
        try {
            return Files.readString(GatewayConfigLoaderTest.OFFICE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The office example with every occurrence of {@code from} replaced by {@code to} (which must occur). */
    static String officeWith(String from, String to) {
        return replace(office(), from, to);
    }

    /** The office example with insecure methods allowed and {@code methods: [MSCHAPv2]} replaced by {@code to}. */
    static String officeWithInsecureMethods(String to) {
        return replace(officeWith("allowInsecure: false", "allowInsecure: true"), "methods: [MSCHAPv2]", to);
    }

    private static String replace(String yaml, String from, String to) {
        if (!yaml.contains(from)) {
            throw new IllegalArgumentException("office.yaml has no \"" + from + "\"");
        }
        return yaml.replace(from, to);
    }
}
