package mummy.io.internal.ws;

import static mummy.io.internal.ws.PerMessageDeflate.MAX_WINDOW_BITS;
import static mummy.io.internal.ws.PerMessageDeflate.MIN_WINDOW_BITS;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The server's choice among permessage-deflate offers (RFC 7692 sections 5, 7.1): the first offer
 * whose parameters are all defined, valid, given once, and within what java.util.zip can do.
 *
 * <p>Threading: stateless, any thread.
 */
final class DeflateNegotiation {

    private DeflateNegotiation() {
    }

    /**
     * The parameters of the first acceptable offer.
     *
     * @param fieldValues the values of every {@code Sec-WebSocket-Extensions} field
     * @return the parameters to accept, or null when no offer is acceptable
     */
    static PerMessageDeflate.Parameters firstAcceptable(List<String> fieldValues) {
        for (ExtensionOffers.Offer offer : ExtensionOffers.parse(fieldValues)) {
            if (offer.name().equalsIgnoreCase(PerMessageDeflate.EXTENSION_NAME)) {
                PerMessageDeflate.Parameters accepted = accept(offer.params());
                if (accepted != null) {
                    return accepted;
                }
            }
        }
        return null;
    }

    private static PerMessageDeflate.Parameters accept(List<ExtensionOffers.Param> params) {
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        int serverBits = 0;
        int clientBits = 0;
        Set<String> seen = new HashSet<>();
        for (ExtensionOffers.Param param : params) {
            String name = param.name().toLowerCase(Locale.ROOT);
            // RFC 7692 7: decline an offer with multiple parameters of the same name
            if (!seen.add(name)) {
                return null;
            }
            String value = param.value();
            switch (name) {
                // RFC 7692 7.1.1.1, 7.1.1.2: these parameters have no value
                case "server_no_context_takeover" -> serverNoContext = true;
                case "client_no_context_takeover" -> clientNoContext = true;
                // RFC 7692 7.1.2.1: a value is required; a window below 15 is honoured with
                // Huffman-only compression, which refers to no earlier bytes at all
                case "server_max_window_bits" -> serverBits = windowBits(value);
                // RFC 7692 7.1.2.2: the value is optional; any window can be inflated
                case "client_max_window_bits" -> clientBits = value == null ? 0 : windowBits(value);
                // RFC 7692 7: decline an offer with a parameter not defined for use in an offer
                default -> {
                    return null;
                }
            }
            boolean valueless = name.endsWith("context_takeover");
            if ((valueless && value != null) || serverBits < 0 || clientBits < 0) {
                return null;
            }
        }
        return new PerMessageDeflate.Parameters(serverNoContext, clientNoContext, serverBits, clientBits);
    }

    /** RFC 7692 7.1.2: a decimal 8 to 15 without leading zeros; -1 if absent or invalid. */
    private static int windowBits(String value) {
        if (value == null || value.isEmpty() || value.length() > 2 || value.charAt(0) == '0') {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return -1;
            }
        }
        int bits = Integer.parseInt(value);
        return bits >= MIN_WINDOW_BITS && bits <= MAX_WINDOW_BITS ? bits : -1;
    }
}
