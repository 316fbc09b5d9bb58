package io.pptpgw.pptp.control;

/**
 * RFC 2637 §2.16 General Error Codes, carried in the Error Code field of replies whose Result Code says "General
 * Error". A value a peer sends that the RFC does not define is kept as {@link Unknown} so it is logged as sent.
 */
public sealed interface GeneralError permits GeneralError.Known, GeneralError.Unknown {
    int code();

    static GeneralError fromCode(int code) {
        Known known = WireFields.known(Known.values(), Known::code, code);
        return known != null ? known : new Unknown(code);
    }

    enum Known implements GeneralError {
        NONE(0, "None"),
        /** No control connection exists yet for this PAC-PNS pair. */
        NOT_CONNECTED(1, "Not-Connected"),
        /** Length is wrong or Magic Cookie value is incorrect. */
        BAD_FORMAT(2, "Bad-Format"),
        /** A field value was out of range or a reserved field was non-zero. */
        BAD_VALUE(3, "Bad-Value"),
        /** Insufficient resources to handle this command now. */
        NO_RESOURCE(4, "No-Resource"),
        /** The Call ID is invalid in this context. */
        BAD_CALL_ID(5, "Bad-Call-ID"),
        /** A generic vendor-specific error occurred in the PAC. */
        PAC_ERROR(6, "PAC-Error");

        private final int code;
        private final String rfcName;

        Known(int code, String rfcName) {
            this.code = code;
            this.rfcName = rfcName;
        }

        @Override
        public int code() {
            return code;
        }

        @Override
        public String toString() {
            return rfcName;
        }
    }

    record Unknown(int code) implements GeneralError {
        public Unknown {
            WireFields.unsigned8("error code", code);
            if (WireFields.known(Known.values(), Known::code, code) instanceof Known known) {
                throw new IllegalArgumentException("error code " + code + " is known as " + known.name());
            }
        }

        @Override
        public String toString() {
            return code + " (unknown)";
        }
    }
}
