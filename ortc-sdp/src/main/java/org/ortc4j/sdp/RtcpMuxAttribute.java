package org.ortc4j.sdp;

/**
 * {@code a=rtcp-mux}: RTP and RTCP share one port (RFC 5761 §5.1.1, RFC 8858).
 */
public record RtcpMuxAttribute() implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "rtcp-mux";

    /** The one value of this attribute: it has no fields. */
    public static final RtcpMuxAttribute INSTANCE = new RtcpMuxAttribute();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return null;
    }
}
