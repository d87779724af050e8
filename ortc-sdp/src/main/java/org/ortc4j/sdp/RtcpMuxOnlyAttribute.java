package org.ortc4j.sdp;

/**
 * {@code a=rtcp-mux-only}: the offerer will only do RTP/RTCP multiplexing (RFC 8858 §3).
 */
public record RtcpMuxOnlyAttribute() implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "rtcp-mux-only";

    /** The one value of this attribute: it has no fields. */
    public static final RtcpMuxOnlyAttribute INSTANCE = new RtcpMuxOnlyAttribute();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return null;
    }
}
