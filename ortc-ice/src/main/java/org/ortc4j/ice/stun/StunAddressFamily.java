package org.ortc4j.ice.stun;

/**
 * The 8-bit address family of STUN and TURN attributes (RFC 8489 §14.1: "0x01:IPv4 0x02:IPv6").
 *
 * <p>An open set of values: {@link #valueOf(int)} keeps a family this code does not know, so that
 * a TURN server can answer REQUESTED-ADDRESS-FAMILY with 440 (Address Family not Supported)
 * instead of dropping the request. Address attributes (MAPPED-ADDRESS and the XOR addresses)
 * accept only IPv4 and IPv6, since the length of the address depends on the family.
 */
public final class StunAddressFamily {

    /** {@code 0x01}, a 32-bit IPv4 address. */
    public static final StunAddressFamily IPV4 = new StunAddressFamily(0x01, "IPv4");
    /** {@code 0x02}, a 128-bit IPv6 address. */
    public static final StunAddressFamily IPV6 = new StunAddressFamily(0x02, "IPv6");

    private final int code;
    private final String name;

    private StunAddressFamily(int code, String name) {
        this.code = code;
        this.name = name;
    }

    /**
     * The family with this 8-bit code.
     *
     * @throws IllegalArgumentException if {@code code} does not fit in 8 bits
     */
    public static StunAddressFamily valueOf(int code) {
        if (code == IPV4.code) {
            return IPV4;
        }
        if (code == IPV6.code) {
            return IPV6;
        }
        if (code < 0 || code > 0xFF) {
            throw new IllegalArgumentException("address family " + code + " does not fit in 8 bits");
        }
        return new StunAddressFamily(code, null);
    }

    /** The 8-bit code. */
    public int code() {
        return code;
    }

    /** Whether this is IPv4 or IPv6. */
    public boolean isKnown() {
        return name != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StunAddressFamily && ((StunAddressFamily) o).code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    @Override
    public String toString() {
        return name != null ? name : String.format("0x%02X", code);
    }
}
