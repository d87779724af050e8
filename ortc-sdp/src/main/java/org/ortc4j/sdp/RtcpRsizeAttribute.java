package org.ortc4j.sdp;

/**
 * {@code a=rtcp-rsize}: reduced-size RTCP may be sent (RFC 5506 §5).
 */
public record RtcpRsizeAttribute() implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "rtcp-rsize";

    /** The one value of this attribute: it has no fields. */
    public static final RtcpRsizeAttribute INSTANCE = new RtcpRsizeAttribute();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return null;
    }
}
