package io.pptpgw.ppp.option;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.testing.Hex;
import io.pptpgw.testing.WireFormatContract;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Options field (RFC 1661 §5.1): a sequence of Type-Length-Value options filling the data exactly. The contract
 * runs on one option, since a list cut at an option boundary is a shorter list, not a malformed one; the enclosing
 * packet's Length delimits the field.
 */
class OptionsTest implements WireFormatContract<Option> {
    @Override
    public List<Option> samples() {
        return List.of(
                new Option(1, Hex.bytes("0578")),
                new Option(5, Hex.bytes("5e1f2a33")),
                new Option(7, new byte[0]),
                new Option(0xFF, new byte[Option.MAXIMUM_VALUE_LENGTH]),
                new Option(18, Hex.bytes("010000e1")));
    }

    @Override
    public byte[] encode(Option value) {
        return Options.write(List.of(value));
    }

    /** Exactly one option, or null. */
    @Override
    public Option decode(byte[] wire) {
        return Options.parse(wire) instanceof Options.Parsed parsed
                        && parsed.options().size() == 1
                ? parsed.options().getFirst()
                : null;
    }

    @Test
    void listsRoundTrip() {
        long seed = 0x0501L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 300; round++) {
            List<Option> options = new ArrayList<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                byte[] value = new byte[random.nextInt(12)];
                random.nextBytes(value);
                options.add(new Option(random.nextInt(256), value));
            }
            assertThat(Options.parse(Options.write(options)))
                    .as("seed %x round %d", seed, round)
                    .isEqualTo(new Options.Parsed(options));
        }
    }

    @Test
    void writesTypeLengthValue() {
        assertThat(Options.write(List.of(new Option(1, Hex.bytes("0578")), new Option(7, new byte[0]))))
                .isEqualTo(Hex.bytes("01 04 0578  07 02"));
    }

    @Test
    void anEmptyFieldHasNoOptions() {
        assertThat(Options.parse(new byte[0])).isEqualTo(new Options.Parsed(List.of()));
    }

    @Test
    void aLengthBelowTwoIsMalformed() {
        assertThat(Options.parse(Hex.bytes("07 02  08 01")))
                .isEqualTo(new Options.Malformed("option 8 at offset 2 has Length 1, below 2"));
    }

    @Test
    void aLengthPastTheEndIsMalformed() {
        assertThat(Options.parse(Hex.bytes("05 06 5e1f2a")))
                .isEqualTo(new Options.Malformed("option 5 at offset 0 has Length 6 but only 5 bytes remain"));
    }
}
