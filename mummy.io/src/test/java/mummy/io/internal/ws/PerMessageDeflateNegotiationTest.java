package mummy.io.internal.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Choosing an offer from Sec-WebSocket-Extensions (RFC 7692 5, 7.1) and the response it gives. */
class PerMessageDeflateNegotiationTest {

    private static PerMessageDeflate.Parameters negotiate(String... fieldValues) {
        return PerMessageDeflate.negotiate(List.of(fieldValues));
    }

    private static PerMessageDeflate.Parameters params(boolean serverNoContext, boolean clientNoContext,
                                                       int serverBits, int clientBits) {
        return new PerMessageDeflate.Parameters(serverNoContext, clientNoContext, serverBits, clientBits);
    }

    @Test
    void plainOfferIsAcceptedWithDefaults() {
        PerMessageDeflate.Parameters accepted = negotiate("permessage-deflate");
        assertEquals(params(false, false, 0, 0), accepted);
        assertEquals("permessage-deflate", accepted.toHeaderValue());
    }

    @Test
    void browserOfferWithValuelessClientWindowBitsIsAccepted() {
        PerMessageDeflate.Parameters accepted = negotiate("permessage-deflate; client_max_window_bits");
        assertEquals(params(false, false, 0, 0), accepted);
        assertEquals("permessage-deflate", accepted.toHeaderValue());
    }

    @Test
    void clientWindowBitsValueIsEchoed() {
        PerMessageDeflate.Parameters accepted = negotiate("permessage-deflate; client_max_window_bits=10");
        assertEquals(params(false, false, 0, 10), accepted);
        assertEquals("permessage-deflate; client_max_window_bits=10", accepted.toHeaderValue());
    }

    @Test
    void noContextTakeoverParametersAreAcceptedAndEchoed() {
        PerMessageDeflate.Parameters accepted =
                negotiate("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        assertEquals(params(true, true, 0, 0), accepted);
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                accepted.toHeaderValue());
    }

    @Test
    void serverWindowBitsOf15IsAcceptedAndNamedInTheResponse() {
        PerMessageDeflate.Parameters accepted = negotiate("permessage-deflate; server_max_window_bits=15");
        assertEquals(params(false, false, 15, 0), accepted);
        assertEquals("permessage-deflate; server_max_window_bits=15", accepted.toHeaderValue());
    }

    /** Autobahn 13.3 and 13.5 offer 9; declining made those cases UNIMPLEMENTED. */
    @ParameterizedTest
    @ValueSource(ints = {8, 9, 10, 14})
    void serverWindowBitsBelow15IsAcceptedAndNamedInTheResponse(int bits) {
        PerMessageDeflate.Parameters accepted = negotiate("permessage-deflate; server_max_window_bits=" + bits);
        assertEquals(params(false, false, bits, 0), accepted);
        assertEquals("permessage-deflate; server_max_window_bits=" + bits, accepted.toHeaderValue());
    }

    @Test
    void declinedOfferFallsBackToTheNextInTheSameField() {
        assertEquals(params(false, true, 0, 0),
                negotiate("permessage-deflate; server_max_window_bits=7, permessage-deflate; client_no_context_takeover"));
    }

    @Test
    void declinedOfferFallsBackToTheNextField() {
        assertEquals(params(true, false, 0, 0),
                negotiate("permessage-deflate; server_max_window_bits=16; client_max_window_bits",
                        "permessage-deflate; server_no_context_takeover"));
    }

    @Test
    void firstAcceptableOfferWinsOverLaterOnes() {
        assertEquals(params(false, false, 0, 12),
                negotiate("permessage-deflate; client_max_window_bits=12, permessage-deflate"));
    }

    @Test
    void otherExtensionsAreSkipped() {
        assertEquals(params(false, false, 0, 0), negotiate("x-webkit-deflate-frame, permessage-deflate"));
        assertNull(negotiate("x-webkit-deflate-frame; no_context_takeover"));
    }

    @Test
    void extensionNameIsMatchedIgnoringCase() {
        assertEquals(params(false, false, 0, 0), negotiate("PerMessage-Deflate"));
    }

    @Test
    void quotedValueIsUnquoted() {
        assertEquals(params(false, false, 0, 11), negotiate("permessage-deflate; client_max_window_bits=\"11\""));
    }

    @Test
    void escapedCharacterInAQuotedValueIsUnescaped() {
        assertEquals(params(false, false, 0, 10), negotiate("permessage-deflate; client_max_window_bits=\"1\\0\""));
    }

    @Test
    void escapedQuoteInsideAQuotedValueDoesNotEndIt() {
        // the first offer's value is 1"0 (not a token, declined); the comma after it separates offers
        assertEquals(params(true, false, 0, 0), negotiate(
                "permessage-deflate; client_max_window_bits=\"1\\\"0\", permessage-deflate; server_no_context_takeover"));
    }

    @Test
    void whitespaceAroundSeparatorsAndEmptyElementsAreAllowed() {
        assertEquals(params(true, false, 0, 9),
                negotiate(" , permessage-deflate ;server_no_context_takeover ; client_max_window_bits = 9 ,"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "permessage-deflate; unknown_parameter",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
        "permessage-deflate; client_max_window_bits=10; client_max_window_bits=10",
        "permessage-deflate; client_max_window_bits=7",
        "permessage-deflate; client_max_window_bits=16",
        "permessage-deflate; client_max_window_bits=08",
        "permessage-deflate; client_max_window_bits=ten",
        "permessage-deflate; client_max_window_bits=",
        "permessage-deflate; client_max_window_bits=\"\"",
        "permessage-deflate; client_max_window_bits=\"10",
        "permessage-deflate; client_max_window_bits=\"1 0\"",
        "permessage-deflate; server_max_window_bits",
        "permessage-deflate; server_max_window_bits=16",
        "permessage-deflate; server_no_context_takeover=1",
        "permessage-deflate; client_no_context_takeover=\"x\"",
        "permessage-deflate;",
        "permessage-deflate; ; server_no_context_takeover",
        "permessage-deflate server_no_context_takeover",
        "\"permessage-deflate\"",
        ""
    })
    void invalidOfferIsDeclined(String offer) {
        assertNull(negotiate(offer), offer);
        assertEquals(params(false, false, 0, 0), negotiate(offer, "permessage-deflate"), offer + " then a plain offer");
    }

    @Test
    void noFieldMeansNoExtension() {
        assertNull(PerMessageDeflate.negotiate(List.of()));
    }

    @Test
    void parametersRefuseWindowSizesOutside8To15() {
        assertThrows(IllegalArgumentException.class, () -> params(false, false, 7, 0));
        assertThrows(IllegalArgumentException.class, () -> params(false, false, 16, 0));
        assertThrows(IllegalArgumentException.class, () -> params(false, false, 0, 7));
        assertThrows(IllegalArgumentException.class, () -> params(false, false, 0, 16));
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover;"
                        + " server_max_window_bits=15; client_max_window_bits=8",
                params(true, true, 15, 8).toHeaderValue());
    }
}
