package org.ortc4j.sdp;

/**
 * {@code a=ice-lite}: the agent is an ICE lite implementation (RFC 8839 §5.3).
 */
public record IceLiteAttribute() implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "ice-lite";

    /** The one value of this attribute: it has no fields. */
    public static final IceLiteAttribute INSTANCE = new IceLiteAttribute();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return null;
    }
}
