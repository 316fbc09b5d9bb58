package io.pptpgw.ppp.auth.credentials;

import java.util.Arrays;

/**
 * What we know of a user's secret: the password itself, or only its NT hash (RFC 2759 §8.3), which MS-CHAPv2 and
 * PAP can verify against but CHAP-MD5 cannot. Neither form ever prints its secret.
 */
public sealed interface Credential {
    /** The NT password hash that MS-CHAPv2 and MPPE key derivation work from (RFC 2759 §8.3). */
    byte[] ntPasswordHash();

    /**
     * Reads a users-file value: {@code nthash:<32 hex digits>} is an NT hash, anything else a password.
     *
     * @throws IllegalArgumentException naming the rule broken, never repeating the value
     */
    static Credential parse(String value) {
        if (io.pptpgw.crypto.NtHash.isNotation(value)) {
            return new NtHash(io.pptpgw.crypto.NtHash.parseNotation(value));
        }
        return new Password(value);
    }

    record Password(String value) implements Credential {
        public Password {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("a password must not be empty");
            }
        }

        @Override
        public byte[] ntPasswordHash() {
            return io.pptpgw.crypto.NtHash.ofPassword(value);
        }

        @Override
        public String toString() {
            return "Password[redacted]";
        }
    }

    record NtHash(byte[] hash) implements Credential {
        public NtHash {
            if (hash.length != io.pptpgw.crypto.NtHash.LENGTH) {
                throw new IllegalArgumentException(
                        "an NT hash is " + io.pptpgw.crypto.NtHash.LENGTH + " octets, not " + hash.length);
            }
            hash = hash.clone();
        }

        @Override
        public byte[] hash() {
            return hash.clone();
        }

        @Override
        public byte[] ntPasswordHash() {
            return hash.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NtHash other && Arrays.equals(other.hash, hash);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(hash);
        }

        @Override
        public String toString() {
            return "NtHash[redacted]";
        }
    }
}
