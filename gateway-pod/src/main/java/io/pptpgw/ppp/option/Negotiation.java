package io.pptpgw.ppp.option;

import io.pptpgw.ppp.Code;
import io.pptpgw.ppp.PppSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The option negotiation of one control protocol on one link (RFC 1661 §5.1-5.4), written once for LCP, IPCP and
 * CCP, which differ only in their {@link OptionHandler}s.
 *
 * <p>Answering the peer: every option gets a {@link Verdict} from its handler, and an option no handler knows is
 * rejected. Any Reject makes a Configure-Reject carrying only the rejected options, unchanged; otherwise any Nak makes
 * a Configure-Nak carrying only the hints; otherwise a Configure-Ack echoes the request byte for byte. After
 * Max-Failure Configure-Naks without a Configure-Ack, Naks become Rejects (RFC 1661 §4.6), so negotiation converges
 * without dropping the link.
 *
 * <p>Our side: {@link #configureRequest()} builds our request from the handlers and remembers it, so a Configure-Ack
 * can be checked against it and a Configure-Reject checked to hold only options we sent.
 */
public final class Negotiation {
    private final Map<Integer, OptionHandler> handlers = new LinkedHashMap<>();
    private final Map<Integer, String> otherOptionNames;
    private final int maximumFailures;
    private int naksSent;
    private List<Option> lastRequest = List.of();
    private byte[] lastRequestBytes = new byte[0];

    /** How we answer one Configure-Request. */
    public sealed interface Response {}

    /** Send {@code code} with {@code data}; {@code request} is the peer's request, kept for {@link #acknowledged}. */
    public record Reply(Code code, byte[] data, List<Option> request) implements Response {
        public Reply {
            data = data.clone();
            request = List.copyOf(request);
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /** The request's options could not be parsed; RFC 1661 §5 says discard it silently. */
    public record Malformed(String reason) implements Response {}

    /**
     * @param handlers the options we know, in the order our requests carry them
     * @param otherOptionNames names, for logs only, of option types we know of but reject
     */
    public Negotiation(List<OptionHandler> handlers, Map<Integer, String> otherOptionNames) {
        this(handlers, otherOptionNames, PppSpec.MAX_FAILURE);
    }

    public Negotiation(List<OptionHandler> handlers, Map<Integer, String> otherOptionNames, int maximumFailures) {
        for (OptionHandler handler : handlers) {
            if (this.handlers.putIfAbsent(handler.type(), handler) != null) {
                throw new IllegalArgumentException("two handlers for option type " + handler.type());
            }
        }
        this.otherOptionNames = Map.copyOf(otherOptionNames);
        this.maximumFailures = maximumFailures;
    }

    /** A new negotiation: handlers forget what they learned and the Max-Failure count starts again. */
    public void reset() {
        naksSent = 0;
        handlers.values().forEach(OptionHandler::reset);
    }

    /** The Options field of our next Configure-Request. */
    public byte[] configureRequest() {
        List<Option> options = new ArrayList<>();
        for (OptionHandler handler : handlers.values()) {
            handler.request().ifPresent(value -> options.add(new Option(handler.type(), value)));
        }
        lastRequest = List.copyOf(options);
        lastRequestBytes = Options.write(options);
        return lastRequestBytes.clone();
    }

    /** Our answer to the Options field of the peer's Configure-Request. */
    public Response respond(byte[] requestData) {
        return switch (Options.parse(requestData)) {
            case Options.Malformed malformed -> new Malformed(malformed.reason());
            case Options.Parsed parsed -> reply(requestData, parsed.options());
        };
    }

    /** We sent {@code reply} as a Configure-Ack: every handler learns the peer's value, or that it is absent. */
    public void acknowledged(Reply reply) {
        for (OptionHandler handler : handlers.values()) {
            Optional<Option> option = reply.request().stream()
                    .filter(o -> o.type() == handler.type())
                    .findFirst();
            option.ifPresentOrElse(o -> handler.peerAcked(o.value()), handler::peerAbsent);
        }
    }

    /** A Configure-Ack must repeat our last request exactly (RFC 1661 §5.2); false means discard it. */
    public boolean receiveAck(byte[] data) {
        if (!Arrays.equals(data, lastRequestBytes)) {
            return false;
        }
        for (Option option : lastRequest) {
            handlers.get(option.type()).acked(option.value());
        }
        return true;
    }

    /** Hands each hint to its handler; options we have no handler for are ignored. False means malformed. */
    public boolean receiveNak(byte[] data) {
        if (!(Options.parse(data) instanceof Options.Parsed parsed)) {
            return false;
        }
        for (Option hint : parsed.options()) {
            OptionHandler handler = handlers.get(hint.type());
            if (handler != null) {
                handler.naked(hint.value());
            }
        }
        return true;
    }

    /**
     * A Configure-Reject may only carry options of our last request, unchanged (RFC 1661 §5.4); otherwise it is
     * discarded (false) and changes nothing.
     */
    public boolean receiveReject(byte[] data) {
        if (!(Options.parse(data) instanceof Options.Parsed parsed) || !lastRequest.containsAll(parsed.options())) {
            return false;
        }
        for (Option option : parsed.options()) {
            handlers.get(option.type()).rejected();
        }
        return true;
    }

    /** The options as pppd logs them: {@code <mru 1400> <magic 0x5e1f2a33>}. */
    public String describe(byte[] data) {
        if (!(Options.parse(data) instanceof Options.Parsed parsed)) {
            return "<malformed options " + HexFormat.of().formatHex(data) + ">";
        }
        StringJoiner text = new StringJoiner(" ");
        for (Option option : parsed.options()) {
            text.add("<" + describe(option) + ">");
        }
        return text.toString();
    }

    private String describe(Option option) {
        OptionHandler handler = handlers.get(option.type());
        if (handler != null) {
            return handler.describe(option.value());
        }
        String name = otherOptionNames.getOrDefault(option.type(), "option-" + option.type());
        return option.value().length == 0 ? name : name + " " + HexFormat.of().formatHex(option.value());
    }

    private Reply reply(byte[] requestData, List<Option> request) {
        boolean naksBecomeRejects = naksSent >= maximumFailures; // RFC 1661 §4.6
        Verdict worst = Verdict.ACK;
        List<Option> hints = new ArrayList<>();
        List<Option> rejected = new ArrayList<>();
        for (Option option : request) {
            Verdict verdict = review(option, naksBecomeRejects);
            worst = Verdict.worst(worst, verdict);
            switch (verdict) {
                case Verdict.Ack ack -> {}
                case Verdict.Nak nak -> hints.add(new Option(option.type(), nak.hint()));
                case Verdict.Reject reject -> rejected.add(option);
            }
        }
        if (!naksBecomeRejects) {
            worst = Verdict.worst(worst, addHintsForAbsentOptions(request, hints));
        }
        return switch (worst) {
            case Verdict.Reject reject -> new Reply(Code.CONFIGURE_REJECT, Options.write(rejected), request);
            case Verdict.Nak nak -> {
                naksSent++;
                yield new Reply(Code.CONFIGURE_NAK, Options.write(hints), request);
            }
            case Verdict.Ack ack -> {
                naksSent = 0;
                yield new Reply(Code.CONFIGURE_ACK, requestData, request);
            }
        };
    }

    private Verdict review(Option option, boolean naksBecomeRejects) {
        OptionHandler handler = handlers.get(option.type());
        if (handler == null) {
            return Verdict.REJECT; // RFC 1661 §5.4: options we do not know are rejected
        }
        Verdict verdict = handler.review(option.value());
        return naksBecomeRejects && verdict instanceof Verdict.Nak ? Verdict.REJECT : verdict;
    }

    private Verdict addHintsForAbsentOptions(List<Option> request, List<Option> hints) {
        Verdict verdict = Verdict.ACK;
        for (OptionHandler handler : handlers.values()) {
            boolean present = request.stream().anyMatch(o -> o.type() == handler.type());
            Optional<byte[]> hint = present ? Optional.empty() : handler.hintWhenAbsent();
            if (hint.isPresent()) {
                hints.add(new Option(handler.type(), hint.get()));
                verdict = Verdict.nak(hint.get());
            }
        }
        return verdict;
    }
}
