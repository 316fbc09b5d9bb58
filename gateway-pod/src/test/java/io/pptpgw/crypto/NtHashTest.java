package io.pptpgw.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptpgw.testing.Hex;
import org.junit.jupiter.api.Test;

class NtHashTest {
    @Test
    void notationAndPasswordGiveTheSameHash() {
        // 8846f7eaee8fb117ad06bdd830b7586c is the widely published NT hash of "password".
        assertThat(NtHash.ofPassword("password")).isEqualTo(Hex.bytes("8846f7eaee8fb117ad06bdd830b7586c"));
        assertThat(NtHash.parseNotation("nthash:8846F7EAEE8FB117AD06BDD830B7586C"))
                .isEqualTo(NtHash.ofPassword("password"));
    }

    @Test
    void badNotationIsRejectedWithoutRepeatingTheValue() {
        String secretish = "nthash:8846f7eaee8fb117ad06bdd830b7586zz";
        assertThatThrownBy(() -> NtHash.parseNotation(secretish))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 hexadecimal digits")
                .hasMessageNotContaining("8846");
        assertThatThrownBy(() -> NtHash.parseNotation("nthash:abcd")).hasMessageContaining("it has 4 characters");
    }
}
