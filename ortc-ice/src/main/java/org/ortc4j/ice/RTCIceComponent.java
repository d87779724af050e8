package org.ortc4j.ice;

/**
 * Which component of a media stream an ICE candidate serves (W3C WebRTC enum
 * {@code RTCIceComponent}; RFC 8445 §4 "component", RFC 8839 §5.1 {@code component-id}).
 *
 * <p>Component ids 1 and 2 are the only ones the W3C API names; RFC 8839 allows ids up to 256,
 * which {@link RTCIceCandidate#componentId()} keeps.
 */
public enum RTCIceComponent {
    /** The RTP component, component id 1 (and the only one with rtcp-mux). */
    RTP("rtp", 1),

    /** The RTCP component, component id 2, used only without rtcp-mux. */
    RTCP("rtcp", 2);

    private final String value;
    private final int id;

    RTCIceComponent(String value, int id) {
        this.value = value;
        this.id = id;
    }

    /** The W3C string, such as {@code "rtp"}. */
    public String value() {
        return value;
    }

    /** The RFC 8445 component id: 1 for RTP, 2 for RTCP. */
    public int id() {
        return id;
    }

    /**
     * The component with an RFC 8445 component id, or {@code null} for ids other than 1 and 2,
     * which the W3C enum does not name.
     */
    public static RTCIceComponent fromId(int id) {
        return id == 1 ? RTP : id == 2 ? RTCP : null;
    }

    /**
     * The {@code RTCIceComponent} named by a W3C string (case-sensitive, as WebIDL enums are).
     *
     * @throws IllegalArgumentException if {@code value} is not one of rtp, rtcp (the W3C API
     *     throws a TypeError here)
     */
    public static RTCIceComponent fromValue(String value) {
        if (value != null) {
            for (RTCIceComponent v : values()) {
                if (v.value.equals(value)) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("not an RTCIceComponent: "
                + (value == null ? "null" : '"' + value + '"') + "; expected one of rtp, rtcp");
    }

    /** The W3C string, as JavaScript would print it. */
    @Override
    public String toString() {
        return value;
    }
}
