package org.ortc4j.sdp;

import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code a=ice-ufrag:<ufrag>}: the ICE username fragment (RFC 8839 §5.4).
 *
 * <p>RFC 8839 restricts it to 4–256 {@code ice-char}s; that is checked where ICE uses it, not
 * here, because real peers send other characters and this model reads what they send.
 *
 * @param ufrag the username fragment, without whitespace
 */
public record IceUfragAttribute(String ufrag) implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "ice-ufrag";

    public IceUfragAttribute {
        SdpSyntax.requireNonWs(ufrag, "ice-ufrag");
    }

    /** Reads the text after {@code a=ice-ufrag:}. */
    public static IceUfragAttribute parse(String value) {
        return new IceUfragAttribute(value);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return ufrag;
    }
}
