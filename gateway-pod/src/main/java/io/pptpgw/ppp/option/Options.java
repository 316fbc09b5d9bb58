package io.pptpgw.ppp.option;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Options field of Configure-Request, -Ack, -Nak and -Reject (RFC 1661 §5.1-5.4): a sequence of options filling
 * the data exactly. An option whose Length is below 2 or runs past the end makes the whole field malformed, and the
 * packet is discarded (RFC 1661 §5).
 */
public final class Options {
    private Options() {}

    public sealed interface Result {}

    public record Parsed(List<Option> options) implements Result {
        public Parsed {
            options = List.copyOf(options);
        }
    }

    public record Malformed(String reason) implements Result {}

    public static Result parse(byte[] data) {
        List<Option> options = new ArrayList<>();
        int position = 0;
        while (position < data.length) {
            if (data.length - position < Option.HEADER_LENGTH) {
                return new Malformed("option at offset " + position + " has " + (data.length - position)
                        + " byte(s), fewer than its 2-byte header");
            }
            int type = data[position] & 0xFF;
            int length = data[position + 1] & 0xFF;
            if (length < Option.HEADER_LENGTH) {
                return new Malformed(
                        "option " + type + " at offset " + position + " has Length " + length + ", below 2");
            }
            if (length > data.length - position) {
                return new Malformed("option " + type + " at offset " + position + " has Length " + length
                        + " but only " + (data.length - position) + " bytes remain");
            }
            options.add(new Option(type, Arrays.copyOfRange(data, position + 2, position + length)));
            position += length;
        }
        return new Parsed(options);
    }

    public static byte[] write(List<Option> options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Option option : options) {
            out.write(option.type());
            out.write(option.length());
            out.writeBytes(option.value());
        }
        return out.toByteArray();
    }
}
