package org.ortc4j.sdp;

/**
 * {@code a=end-of-candidates}: no more ICE candidates will follow for this section (RFC 8840 §8.2).
 */
public record EndOfCandidatesAttribute() implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "end-of-candidates";

    /** The one value of this attribute: it has no fields. */
    public static final EndOfCandidatesAttribute INSTANCE = new EndOfCandidatesAttribute();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return null;
    }
}
