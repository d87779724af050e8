package org.ortc4j.sdp;

/**
 * {@code a=extmap-allow-mixed}: one-byte and two-byte RTP header extensions may be mixed in one stream (RFC 8285 §6).
 */
public record ExtmapAllowMixedAttribute() implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "extmap-allow-mixed";

    /** The one value of this attribute: it has no fields. */
    public static final ExtmapAllowMixedAttribute INSTANCE = new ExtmapAllowMixedAttribute();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return null;
    }
}
