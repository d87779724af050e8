package org.ortc4j.sctp;

/**
 * The priority of a data channel (W3C WebRTC Priority Control API enum {@code RTCPriorityType};
 * RFC 8831 §6.4). On the wire (the DCEP DATA_CHANNEL_OPEN priority field, RFC 8832 §5.1) the
 * values are 128, 256, 512 and 1024; see {@link #wireValue()} and {@link #fromWireValue(int)}.
 */
public enum RTCPriorityType {
    /** RFC 8831 §6.4 "below normal" (wire value 128). */
    VERY_LOW("very-low", 128),

    /** RFC 8831 §6.4 "normal" (wire value 256), the W3C default. */
    LOW("low", 256),

    /** RFC 8831 §6.4 "high" (wire value 512). */
    MEDIUM("medium", 512),

    /** RFC 8831 §6.4 "extra high" (wire value 1024). */
    HIGH("high", 1024);

    private final String value;
    private final int wireValue;

    RTCPriorityType(String value, int wireValue) {
        this.value = value;
        this.wireValue = wireValue;
    }

    /**
     * The DCEP priority field value (RFC 8831 §6.4: below normal 128, normal 256, high 512, extra
     * high 1024).
     */
    public int wireValue() {
        return wireValue;
    }

    /**
     * The priority a DCEP priority field value stands for. RFC 8831 §6.4 defines only four values
     * but the field has 16 bits; like libwebrtc, a value is read as the lowest level at or above it:
     * up to 128 very-low, up to 256 low, up to 512 medium, above that high.
     *
     * @param wireValue the 16-bit priority field, 0 to 65535
     * @throws IllegalArgumentException if {@code wireValue} is outside 0 to 65535
     */
    public static RTCPriorityType fromWireValue(int wireValue) {
        if (wireValue < 0 || wireValue > 0xFFFF) {
            throw new IllegalArgumentException("DCEP priority out of range 0..65535: " + wireValue);
        }
        for (RTCPriorityType v : values()) {
            if (wireValue <= v.wireValue) {
                return v;
            }
        }
        return HIGH;
    }

    /** The W3C string, such as {@code "very-low"}. */
    public String value() {
        return value;
    }

    /**
     * The {@code RTCPriorityType} named by a W3C string (case-sensitive, as WebIDL enums are).
     *
     * @throws IllegalArgumentException if {@code value} is not one of very-low, low, medium, high (the W3C API throws a
     *     TypeError here)
     */
    public static RTCPriorityType fromValue(String value) {
        if (value != null) {
            for (RTCPriorityType v : values()) {
                if (v.value.equals(value)) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("not an RTCPriorityType: "
                + (value == null ? "null" : '"' + value + '"') + "; expected one of very-low, low, medium, high");
    }

    /** The W3C string, as JavaScript would print it. */
    @Override
    public String toString() {
        return value;
    }
}
