package io.pptpgw.net;

/** A TCP or UDP port, 1 to 65535. */
public record Port(int number) implements NetValue {
    public Port {
        if (number < 1 || number > 65535) {
            throw new IllegalArgumentException("port " + number + " must be 1 to 65535");
        }
    }

    @Override
    public String toString() {
        return Integer.toString(number);
    }
}
