package io.pptpgw.ppp.option;

import java.util.Arrays;

/**
 * What we answer to one option of a peer's Configure-Request (RFC 1661 §5.2-5.4). Verdicts are ordered: the worst
 * one of a request decides the reply (any Reject makes a Configure-Reject, else any Nak a Configure-Nak).
 */
public sealed interface Verdict {
    Verdict ACK = new Ack();
    Verdict REJECT = new Reject();

    /** 0 for Ack, 1 for Nak, 2 for Reject. */
    int severity();

    static Verdict nak(byte[] hint) {
        return new Nak(hint);
    }

    static Verdict worst(Verdict a, Verdict b) {
        return b.severity() > a.severity() ? b : a;
    }

    /** The value is acceptable as is. */
    record Ack() implements Verdict {
        @Override
        public int severity() {
            return 0;
        }
    }

    /** The option is negotiable but not this value; {@code hint} is the value we would accept. */
    record Nak(byte[] hint) implements Verdict {
        public Nak {
            hint = hint.clone();
        }

        @Override
        public byte[] hint() {
            return hint.clone();
        }

        @Override
        public int severity() {
            return 1;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Nak other && Arrays.equals(other.hint, hint);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(hint);
        }

        @Override
        public String toString() {
            return "Nak[hint=" + java.util.HexFormat.of().formatHex(hint) + "]";
        }
    }

    /** The option is not negotiable for us at all. */
    record Reject() implements Verdict {
        @Override
        public int severity() {
            return 2;
        }
    }
}
