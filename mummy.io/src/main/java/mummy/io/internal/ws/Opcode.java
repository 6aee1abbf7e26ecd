package mummy.io.internal.ws;

/**
 * Frame opcodes (RFC 6455 section 5.2, 11.8); the other values of the 4-bit field are reserved.
 *
 * <p>Threading: immutable, any thread.
 */
public enum Opcode {
    /** 0x0, a continuation frame of a fragmented message (RFC 6455 5.4). */
    CONTINUATION(0x0),
    /** 0x1, the first frame of a text message (RFC 6455 5.6). */
    TEXT(0x1),
    /** 0x2, the first frame of a binary message (RFC 6455 5.6). */
    BINARY(0x2),
    /** 0x8, a Close control frame (RFC 6455 5.5.1). */
    CLOSE(0x8),
    /** 0x9, a Ping control frame (RFC 6455 5.5.2). */
    PING(0x9),
    /** 0xA, a Pong control frame (RFC 6455 5.5.3). */
    PONG(0xA);

    /** Opcodes by code, null where reserved: O(1) lookup for every value of the 4-bit field. */
    private static final Opcode[] BY_CODE = new Opcode[16];

    static {
        for (Opcode opcode : values()) {
            BY_CODE[opcode.code] = opcode;
        }
    }

    private final int code;

    Opcode(int code) {
        this.code = code;
    }

    /**
     * The wire value.
     *
     * @return 0 to 15
     */
    public int code() {
        return code;
    }

    /**
     * Whether this is a control frame opcode: the most significant bit of the opcode is set
     * (RFC 6455 5.5).
     *
     * @return true for Close, Ping and Pong
     */
    public boolean isControl() {
        return (code & 0x8) != 0;
    }

    /**
     * The opcode for a wire value.
     *
     * @param code the value of the opcode field
     * @return the opcode, or null if the value is reserved (3 to 7, 11 to 15) or out of range
     */
    public static Opcode of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
