package org.ortc4j.ice.stun;

import java.util.Objects;

/**
 * The 14-bit STUN message type: a {@link StunMethod} and a {@link StunMessageClass} (RFC 8489
 * §5).
 *
 * <p>RFC 8489 §5: "The message type field is decomposed further into the following structure:
 * M11..M7, C1, M6..M4, C0, M3..M0 ... Here the bits in the message type field are shown as
 * most significant (M11) through least significant (M0). M11 through M0 represent a 12-bit
 * encoding of the method. C1 and C0 represent a 2-bit encoding of the class."
 *
 * <p>Every 14-bit value is a valid type; an unknown method is kept (see {@link StunMethod}).
 */
public final class StunMessageType {

    /** Binding request, {@code 0x0001}. */
    public static final StunMessageType BINDING_REQUEST = of(StunMethod.BINDING, StunMessageClass.REQUEST);
    /** Binding success response, {@code 0x0101}. */
    public static final StunMessageType BINDING_SUCCESS_RESPONSE = of(StunMethod.BINDING, StunMessageClass.SUCCESS_RESPONSE);
    /** Binding error response, {@code 0x0111}. */
    public static final StunMessageType BINDING_ERROR_RESPONSE = of(StunMethod.BINDING, StunMessageClass.ERROR_RESPONSE);
    /** Binding indication, {@code 0x0011} (keepalives, RFC 8445 §11). */
    public static final StunMessageType BINDING_INDICATION = of(StunMethod.BINDING, StunMessageClass.INDICATION);

    private final StunMethod method;
    private final StunMessageClass messageClass;

    private StunMessageType(StunMethod method, StunMessageClass messageClass) {
        this.method = method;
        this.messageClass = messageClass;
    }

    /** The type with this method and class. */
    public static StunMessageType of(StunMethod method, StunMessageClass messageClass) {
        return new StunMessageType(Objects.requireNonNull(method, "method"), Objects.requireNonNull(messageClass, "messageClass"));
    }

    /**
     * The type with this 14-bit value, as it appears in the header.
     *
     * @throws IllegalArgumentException if {@code value} does not fit in 14 bits
     */
    public static StunMessageType valueOf(int value) {
        if (value < 0 || value > 0x3FFF) {
            throw new IllegalArgumentException("STUN message type 0x" + Integer.toHexString(value) + " does not fit in 14 bits");
        }
        int method = (value & 0x000F) | ((value >> 1) & 0x0070) | ((value >> 2) & 0x0F80);
        int cls = ((value >> 4) & 0b01) | ((value >> 7) & 0b10);
        return new StunMessageType(StunMethod.valueOf(method), StunMessageClass.valueOf(cls));
    }

    /** The 14-bit value that goes in the header. */
    public int value() {
        int m = method.code();
        int c = messageClass.code();
        return (m & 0x000F) | ((m & 0x0070) << 1) | ((m & 0x0F80) << 2) | ((c & 0b01) << 4) | ((c & 0b10) << 7);
    }

    /** The method. */
    public StunMethod method() {
        return method;
    }

    /** The class. */
    public StunMessageClass messageClass() {
        return messageClass;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StunMessageType && ((StunMessageType) o).method.equals(method)
                && ((StunMessageType) o).messageClass == messageClass;
    }

    @Override
    public int hashCode() {
        return value();
    }

    /** For example {@code BINDING SUCCESS_RESPONSE (0x0101)}. */
    @Override
    public String toString() {
        return method + " " + messageClass + String.format(" (0x%04X)", value());
    }
}
