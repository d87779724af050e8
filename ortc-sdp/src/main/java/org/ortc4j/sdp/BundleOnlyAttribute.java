package org.ortc4j.sdp;

/**
 * {@code a=bundle-only}: the section is to be used only if it is BUNDLEd (RFC 8843 §6).
 */
public record BundleOnlyAttribute() implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "bundle-only";

    /** The one value of this attribute: it has no fields. */
    public static final BundleOnlyAttribute INSTANCE = new BundleOnlyAttribute();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return null;
    }
}
