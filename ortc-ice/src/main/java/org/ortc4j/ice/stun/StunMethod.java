package org.ortc4j.ice.stun;

import java.util.Map;

/**
 * A STUN method, the 12 M bits of the message type (RFC 8489 §5, §18.2; RFC 8656 §17).
 *
 * <p>An open set of values, as Netty's {@code DnsRecordType}: {@link #valueOf(int)} returns the
 * named constant for a registered method and a new, unnamed value for any other, so a message
 * with a method this code does not know still decodes and encodes unchanged. Two methods are equal
 * when their codes are.
 */
public final class StunMethod {

    // RFC 8489 §18.2: "0x000: Reserved; 0x001: Binding; 0x002: Reserved; was SharedSecret prior
    // to [RFC5389]".
    /** {@code 0x001} Binding (RFC 8489 §18.2). */
    public static final StunMethod BINDING = new StunMethod(0x001, "BINDING");
    // RFC 8656 §17: "0x003: Allocate (only request/response semantics defined) 0x004: Refresh
    // (only request/response semantics defined) 0x006: Send (only indication semantics defined)
    // 0x007: Data (only indication semantics defined) 0x008: CreatePermission (only
    // request/response semantics defined) 0x009: ChannelBind (only request/response semantics
    // defined)".
    /** {@code 0x003} Allocate (RFC 8656 §17). */
    public static final StunMethod ALLOCATE = new StunMethod(0x003, "ALLOCATE");
    /** {@code 0x004} Refresh (RFC 8656 §17). */
    public static final StunMethod REFRESH = new StunMethod(0x004, "REFRESH");
    /** {@code 0x006} Send (RFC 8656 §17), indications only. */
    public static final StunMethod SEND = new StunMethod(0x006, "SEND");
    /** {@code 0x007} Data (RFC 8656 §17), indications only. */
    public static final StunMethod DATA = new StunMethod(0x007, "DATA");
    /** {@code 0x008} CreatePermission (RFC 8656 §17). */
    public static final StunMethod CREATE_PERMISSION = new StunMethod(0x008, "CREATE_PERMISSION");
    /** {@code 0x009} ChannelBind (RFC 8656 §17). */
    public static final StunMethod CHANNEL_BIND = new StunMethod(0x009, "CHANNEL_BIND");

    private static final Map<Integer, StunMethod> KNOWN = Map.of(
            BINDING.code, BINDING,
            ALLOCATE.code, ALLOCATE,
            REFRESH.code, REFRESH,
            SEND.code, SEND,
            DATA.code, DATA,
            CREATE_PERMISSION.code, CREATE_PERMISSION,
            CHANNEL_BIND.code, CHANNEL_BIND);

    private final int code;
    private final String name;

    private StunMethod(int code, String name) {
        this.code = code;
        this.name = name;
    }

    /**
     * The method with this 12-bit code: a named constant when the code is registered, otherwise a
     * value that keeps the code.
     *
     * @throws IllegalArgumentException if {@code code} does not fit in 12 bits
     */
    public static StunMethod valueOf(int code) {
        if (code < 0 || code > 0xFFF) {
            throw new IllegalArgumentException("STUN method 0x" + Integer.toHexString(code) + " does not fit in 12 bits");
        }
        StunMethod known = KNOWN.get(code);
        return known != null ? known : new StunMethod(code, null);
    }

    /** The 12-bit method code. */
    public int code() {
        return code;
    }

    /** Whether this is one of the named constants. */
    public boolean isKnown() {
        return name != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StunMethod && ((StunMethod) o).code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    /** The constant's name, or {@code 0x...} for a method without a name here. */
    @Override
    public String toString() {
        return name != null ? name : String.format("0x%03X", code);
    }
}
