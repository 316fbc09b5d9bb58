package io.pptpgw.sys;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkNamespaceTest {
    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "../etc"})
    void refusesNamesThatAreNotAPlainFileUnderRunNetns(String name) {
        assertThatThrownBy(() -> NetworkNamespace.named(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("network namespace name \"" + name + "\"");
    }
}
