package mummy.io.internal.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import mummy.api.HttpHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The opening handshake (RFC 6455 4.2): accept key, rejections with their status, subprotocols, extensions. */
class WsHandshakeTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    /** The client handshake of RFC 6455 1.2, without its subprotocols. */
    private static List<String> request() {
        return new ArrayList<>(List.of("Host", "server.example.com", "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key", KEY, "Origin", "http://example.com", "Sec-WebSocket-Version", "13"));
    }

    private static List<String> without(List<String> fields, String name) {
        for (int i = fields.size() - 2; i >= 0; i -= 2) {
            if (fields.get(i).equalsIgnoreCase(name)) {
                fields.remove(i + 1);
                fields.remove(i);
            }
        }
        return fields;
    }

    private static List<String> with(List<String> fields, String name, String value) {
        without(fields, name).addAll(List.of(name, value));
        return fields;
    }

    private static List<String> adding(List<String> fields, String name, String value) {
        fields.addAll(List.of(name, value));
        return fields;
    }

    private static WsHandshake.Outcome evaluate(List<String> fields, List<String> subprotocols, boolean deflate) {
        return WsHandshake.evaluate("GET", 1, HttpHeaders.of(fields.toArray(String[]::new)), subprotocols, deflate);
    }

    private static WsHandshake.Outcome.Accept accepted(List<String> fields, List<String> subprotocols, boolean deflate) {
        return assertInstanceOf(WsHandshake.Outcome.Accept.class, evaluate(fields, subprotocols, deflate));
    }

    private static void assertRejected(int status, WsHandshake.Outcome outcome) {
        WsHandshake.Outcome.Reject reject = assertInstanceOf(WsHandshake.Outcome.Reject.class, outcome);
        assertEquals(status, reject.status(), reject.message());
    }

    @Test
    void rfcExampleKeyGivesTheRfcAcceptValue() {
        assertEquals(ACCEPT, WsHandshake.acceptKey(KEY));
    }

    @Test
    void rfcExampleRequestIsAcceptedWithExactlyTheUpgradeFields() {
        WsHandshake.Outcome.Accept accept = accepted(request(), List.of(), false);
        assertEquals(HttpHeaders.of("Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Accept", ACCEPT),
                accept.responseHeaders());
        assertNull(accept.subprotocol());
        assertNull(accept.deflate());
    }

    @Test
    void upgradeAndConnectionTokensMatchIgnoringCaseInAList() {
        List<String> fields = with(with(request(), "Upgrade", "h2c, WebSocket"), "connection", "keep-alive, UPGRADE");
        assertEquals(ACCEPT, accepted(fields, List.of(), false).responseHeaders().get("Sec-WebSocket-Accept"));
    }

    @Test
    void methodOtherThanGetIsRejectedWith400() {
        HttpHeaders headers = HttpHeaders.of(request().toArray(String[]::new));
        assertRejected(400, WsHandshake.evaluate("POST", 1, headers, List.of(), false));
        assertRejected(400, WsHandshake.evaluate("get", 1, headers, List.of(), false));
    }

    @Test
    void http10IsRejectedWith400() {
        assertRejected(400, WsHandshake.evaluate("GET", 0, HttpHeaders.of(request().toArray(String[]::new)), List.of(), false));
    }

    @Test
    void missingHostIsRejectedWith400() {
        assertRejected(400, evaluate(without(request(), "Host"), List.of(), false));
    }

    @Test
    void missingOrOtherUpgradeIsRejectedWith400() {
        assertRejected(400, evaluate(without(request(), "Upgrade"), List.of(), false));
        assertRejected(400, evaluate(with(request(), "Upgrade", "h2c"), List.of(), false));
        assertRejected(400, evaluate(with(request(), "Upgrade", "websockets"), List.of(), false));
    }

    @Test
    void connectionWithoutUpgradeIsRejectedWith400() {
        assertRejected(400, evaluate(without(request(), "Connection"), List.of(), false));
        assertRejected(400, evaluate(with(request(), "Connection", "keep-alive"), List.of(), false));
    }

    @Test
    void missingKeyIsRejectedWith400() {
        assertRejected(400, evaluate(without(request(), "Sec-WebSocket-Key"), List.of(), false));
    }

    @Test
    void keyGivenTwiceIsRejectedWith400() {
        assertRejected(400, evaluate(adding(request(), "Sec-WebSocket-Key", KEY), List.of(), false));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "dGhlIHNhbXBsZSBub25jZQ",
        "dGhlIHNhbXBsZSBub25jZQ=",
        "dGhlIHNhbXBsZSBub25j",
        "dGhlIHNhbXBsZSBub25jZWU=",
        "dGhlIHNhbXBsZSBub25jZQ!=",
        "dGhlIHNhbXBsZSBub25jZ===",
        "dGhl IHNhbXBsZSBub25jZQ="
    })
    void keyThatIsNotTheBase64OfSixteenBytesIsRejectedWith400(String key) {
        assertRejected(400, evaluate(with(request(), "Sec-WebSocket-Key", key), List.of(), false));
    }

    @Test
    void anyOtherSixteenByteKeyIsAccepted() {
        String key = "AQIDBAUGBwgJCgsMDQ4PEA==";
        assertEquals(WsHandshake.acceptKey(key),
                accepted(with(request(), "Sec-WebSocket-Key", key), List.of(), false).responseHeaders().get("Sec-WebSocket-Accept"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8", "12", "14", "13, 8", "013", ""})
    void otherVersionIsRejectedWith426NamingVersion13(String version) {
        WsHandshake.Outcome outcome = evaluate(with(request(), "Sec-WebSocket-Version", version), List.of(), false);
        assertRejected(426, outcome);
        HttpHeaders headers = ((WsHandshake.Outcome.Reject) outcome).responseHeaders();
        assertEquals("13", headers.get("Sec-WebSocket-Version"));
        assertEquals("websocket", headers.get("Upgrade"));
    }

    @Test
    void missingOrRepeatedVersionIsRejectedWith426() {
        assertRejected(426, evaluate(without(request(), "Sec-WebSocket-Version"), List.of(), false));
        assertRejected(426, evaluate(adding(request(), "Sec-WebSocket-Version", "13"), List.of(), false));
    }

    @Test
    void firstOfTheClientsSubprotocolsThatTheServerSupportsIsChosen() {
        List<String> fields = adding(request(), "Sec-WebSocket-Protocol", "chat, superchat");
        WsHandshake.Outcome.Accept accept = accepted(fields, List.of("superchat", "chat"), false);
        assertEquals("chat", accept.subprotocol());
        assertEquals(List.of("chat"), accept.responseHeaders().all("Sec-WebSocket-Protocol"));
    }

    @Test
    void subprotocolsOfferedInSeveralFieldsAreConsideredInOrder() {
        List<String> fields = adding(adding(request(), "Sec-WebSocket-Protocol", "v1.unknown"),
                "Sec-WebSocket-Protocol", "mqtt, wamp");
        assertEquals("mqtt", accepted(fields, List.of("wamp", "mqtt"), false).subprotocol());
    }

    @Test
    void noCommonSubprotocolMeansNoProtocolField() {
        List<String> fields = adding(request(), "Sec-WebSocket-Protocol", "chat, Superchat");
        WsHandshake.Outcome.Accept accept = accepted(fields, List.of("superchat"), false);
        assertNull(accept.subprotocol());
        assertEquals(Collections.emptyList(), accept.responseHeaders().all("Sec-WebSocket-Protocol"));
        assertNull(accepted(fields, List.of(), false).subprotocol());
    }

    @Test
    void deflateOfferIsAcceptedWhenEnabled() {
        List<String> fields = adding(request(), "Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");
        WsHandshake.Outcome.Accept accept = accepted(fields, List.of(), true);
        assertEquals(new PerMessageDeflate.Parameters(false, false, 0, 0), accept.deflate());
        assertEquals("permessage-deflate", accept.responseHeaders().get("Sec-WebSocket-Extensions"));
    }

    @Test
    void deflateOfferIsIgnoredWhenDisabled() {
        List<String> fields = adding(request(), "Sec-WebSocket-Extensions", "permessage-deflate");
        WsHandshake.Outcome.Accept accept = accepted(fields, List.of(), false);
        assertNull(accept.deflate());
        assertNull(accept.responseHeaders().get("Sec-WebSocket-Extensions"));
    }

    @Test
    void unacceptableDeflateOfferMeansNoExtension() {
        List<String> fields = adding(request(), "Sec-WebSocket-Extensions", "permessage-deflate; server_max_window_bits=16");
        WsHandshake.Outcome.Accept accept = accepted(fields, List.of(), true);
        assertNull(accept.deflate());
        assertNull(accept.responseHeaders().get("Sec-WebSocket-Extensions"));
    }

    @Test
    void enabledDeflateWithoutAnOfferMeansNoExtension() {
        assertNull(accepted(request(), List.of(), true).deflate());
    }

    @Test
    void subprotocolAndExtensionFieldsFollowTheAcceptField() {
        List<String> fields = adding(adding(request(), "Sec-WebSocket-Protocol", "chat"),
                "Sec-WebSocket-Extensions", "permessage-deflate; server_no_context_takeover");
        assertEquals(HttpHeaders.of("Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Accept", ACCEPT,
                        "Sec-WebSocket-Protocol", "chat", "Sec-WebSocket-Extensions", "permessage-deflate; server_no_context_takeover"),
                accepted(fields, List.of("chat"), true).responseHeaders());
    }
}
