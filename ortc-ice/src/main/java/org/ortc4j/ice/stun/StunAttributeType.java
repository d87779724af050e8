package org.ortc4j.ice.stun;

import java.util.HashMap;
import java.util.Map;

/**
 * A STUN attribute type, the 16-bit code of an attribute (RFC 8489 §14, §18.3; RFC 8445 §16.1;
 * RFC 8656 §18).
 *
 * <p>An open set of values, as Netty's {@code DnsRecordType}: {@link #valueOf(int)} returns the
 * named constant for a type this module decodes and a new, unnamed value for any other code,
 * which the decoder keeps as an {@link UnknownStunAttribute}. Two types are equal when their
 * codes are.
 *
 * <p>RFC 8489 §14: "Attributes with type values between 0x0000 and 0x7FFF are
 * comprehension-required attributes, which means that the STUN agent cannot successfully process
 * the message unless it understands the attribute. Attributes with type values between 0x8000
 * and 0xFFFF are comprehension-optional attributes".
 */
public final class StunAttributeType {

    private static final Map<Integer, StunAttributeType> KNOWN = new HashMap<>();

    // RFC 8489 §18.3.1, comprehension-required range.
    /** {@code 0x0001} MAPPED-ADDRESS (RFC 8489 §14.1). */
    public static final StunAttributeType MAPPED_ADDRESS = known(0x0001, "MAPPED-ADDRESS");
    /** {@code 0x0006} USERNAME (RFC 8489 §14.3). */
    public static final StunAttributeType USERNAME = known(0x0006, "USERNAME");
    /** {@code 0x0008} MESSAGE-INTEGRITY (RFC 8489 §14.5). */
    public static final StunAttributeType MESSAGE_INTEGRITY = known(0x0008, "MESSAGE-INTEGRITY");
    /** {@code 0x0009} ERROR-CODE (RFC 8489 §14.8). */
    public static final StunAttributeType ERROR_CODE = known(0x0009, "ERROR-CODE");
    /** {@code 0x000A} UNKNOWN-ATTRIBUTES (RFC 8489 §14.13). */
    public static final StunAttributeType UNKNOWN_ATTRIBUTES = known(0x000A, "UNKNOWN-ATTRIBUTES");
    /** {@code 0x000C} CHANNEL-NUMBER (RFC 8656 §18.1). */
    public static final StunAttributeType CHANNEL_NUMBER = known(0x000C, "CHANNEL-NUMBER");
    /** {@code 0x000D} LIFETIME (RFC 8656 §18.2). */
    public static final StunAttributeType LIFETIME = known(0x000D, "LIFETIME");
    /** {@code 0x0012} XOR-PEER-ADDRESS (RFC 8656 §18.3). */
    public static final StunAttributeType XOR_PEER_ADDRESS = known(0x0012, "XOR-PEER-ADDRESS");
    /** {@code 0x0013} DATA (RFC 8656 §18.4). */
    public static final StunAttributeType DATA = known(0x0013, "DATA");
    /** {@code 0x0014} REALM (RFC 8489 §14.9). */
    public static final StunAttributeType REALM = known(0x0014, "REALM");
    /** {@code 0x0015} NONCE (RFC 8489 §14.10). */
    public static final StunAttributeType NONCE = known(0x0015, "NONCE");
    /** {@code 0x0016} XOR-RELAYED-ADDRESS (RFC 8656 §18.5). */
    public static final StunAttributeType XOR_RELAYED_ADDRESS = known(0x0016, "XOR-RELAYED-ADDRESS");
    /** {@code 0x0017} REQUESTED-ADDRESS-FAMILY (RFC 8656 §18.6). */
    public static final StunAttributeType REQUESTED_ADDRESS_FAMILY = known(0x0017, "REQUESTED-ADDRESS-FAMILY");
    /** {@code 0x0018} EVEN-PORT (RFC 8656 §18.7). */
    public static final StunAttributeType EVEN_PORT = known(0x0018, "EVEN-PORT");
    /** {@code 0x0019} REQUESTED-TRANSPORT (RFC 8656 §18.8). */
    public static final StunAttributeType REQUESTED_TRANSPORT = known(0x0019, "REQUESTED-TRANSPORT");
    /** {@code 0x001A} DONT-FRAGMENT (RFC 8656 §18.9). */
    public static final StunAttributeType DONT_FRAGMENT = known(0x001A, "DONT-FRAGMENT");
    /** {@code 0x001C} MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6). */
    public static final StunAttributeType MESSAGE_INTEGRITY_SHA256 = known(0x001C, "MESSAGE-INTEGRITY-SHA256");
    /** {@code 0x001D} PASSWORD-ALGORITHM (RFC 8489 §14.12). */
    public static final StunAttributeType PASSWORD_ALGORITHM = known(0x001D, "PASSWORD-ALGORITHM");
    /** {@code 0x001E} USERHASH (RFC 8489 §14.4). */
    public static final StunAttributeType USERHASH = known(0x001E, "USERHASH");
    /** {@code 0x0020} XOR-MAPPED-ADDRESS (RFC 8489 §14.2). */
    public static final StunAttributeType XOR_MAPPED_ADDRESS = known(0x0020, "XOR-MAPPED-ADDRESS");
    /** {@code 0x0022} RESERVATION-TOKEN (RFC 8656 §18.10). */
    public static final StunAttributeType RESERVATION_TOKEN = known(0x0022, "RESERVATION-TOKEN");
    /** {@code 0x0024} PRIORITY (RFC 8445 §16.1). */
    public static final StunAttributeType PRIORITY = known(0x0024, "PRIORITY");
    /** {@code 0x0025} USE-CANDIDATE (RFC 8445 §16.1). */
    public static final StunAttributeType USE_CANDIDATE = known(0x0025, "USE-CANDIDATE");

    // RFC 8489 §18.3.2, comprehension-optional range.
    /** {@code 0x8000} ADDITIONAL-ADDRESS-FAMILY (RFC 8656 §18.11). */
    public static final StunAttributeType ADDITIONAL_ADDRESS_FAMILY = known(0x8000, "ADDITIONAL-ADDRESS-FAMILY");
    /** {@code 0x8001} ADDRESS-ERROR-CODE (RFC 8656 §18.12). */
    public static final StunAttributeType ADDRESS_ERROR_CODE = known(0x8001, "ADDRESS-ERROR-CODE");
    /** {@code 0x8002} PASSWORD-ALGORITHMS (RFC 8489 §14.11). */
    public static final StunAttributeType PASSWORD_ALGORITHMS = known(0x8002, "PASSWORD-ALGORITHMS");
    /** {@code 0x8003} ALTERNATE-DOMAIN (RFC 8489 §14.16). */
    public static final StunAttributeType ALTERNATE_DOMAIN = known(0x8003, "ALTERNATE-DOMAIN");
    /** {@code 0x8004} ICMP (RFC 8656 §18.13). */
    public static final StunAttributeType ICMP = known(0x8004, "ICMP");
    /** {@code 0x8022} SOFTWARE (RFC 8489 §14.14). */
    public static final StunAttributeType SOFTWARE = known(0x8022, "SOFTWARE");
    /** {@code 0x8023} ALTERNATE-SERVER (RFC 8489 §14.15). */
    public static final StunAttributeType ALTERNATE_SERVER = known(0x8023, "ALTERNATE-SERVER");
    /** {@code 0x8028} FINGERPRINT (RFC 8489 §14.7). */
    public static final StunAttributeType FINGERPRINT = known(0x8028, "FINGERPRINT");
    /** {@code 0x8029} ICE-CONTROLLED (RFC 8445 §16.1). */
    public static final StunAttributeType ICE_CONTROLLED = known(0x8029, "ICE-CONTROLLED");
    /** {@code 0x802A} ICE-CONTROLLING (RFC 8445 §16.1). */
    public static final StunAttributeType ICE_CONTROLLING = known(0x802A, "ICE-CONTROLLING");

    private final int code;
    private final String name;

    private StunAttributeType(int code, String name) {
        this.code = code;
        this.name = name;
    }

    private static StunAttributeType known(int code, String name) {
        StunAttributeType type = new StunAttributeType(code, name);
        KNOWN.put(code, type);
        return type;
    }

    /**
     * The attribute type with this 16-bit code: a named constant when this module decodes the
     * type, otherwise a value that keeps the code.
     *
     * @throws IllegalArgumentException if {@code code} does not fit in 16 bits
     */
    public static StunAttributeType valueOf(int code) {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("STUN attribute type 0x" + Integer.toHexString(code) + " does not fit in 16 bits");
        }
        StunAttributeType known = KNOWN.get(code);
        return known != null ? known : new StunAttributeType(code, null);
    }

    /** The 16-bit code. */
    public int code() {
        return code;
    }

    /** Whether this module has a class for the type (otherwise it decodes as {@link UnknownStunAttribute}). */
    public boolean isKnown() {
        return name != null;
    }

    /** Whether the code is in the comprehension-required range 0x0000–0x7FFF (RFC 8489 §14). */
    public boolean isComprehensionRequired() {
        return code < 0x8000;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StunAttributeType && ((StunAttributeType) o).code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    /** The RFC name, such as {@code XOR-MAPPED-ADDRESS}, or {@code 0x...} for an unknown type. */
    @Override
    public String toString() {
        return name != null ? name : String.format("0x%04X", code);
    }
}
