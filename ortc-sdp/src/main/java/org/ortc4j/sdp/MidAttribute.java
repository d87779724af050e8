package org.ortc4j.sdp;

import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code a=mid:<identification-tag>}: names a media section for BUNDLE and for RTP's MID header
 * extension (RFC 5888 §4; JSEP RFC 9429 §5.2.1).
 *
 * @param mid the identification tag, an RFC 8866 token
 */
public record MidAttribute(String mid) implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "mid";

    public MidAttribute {
        SdpSyntax.requireToken(mid, "mid");
    }

    /** Reads the text after {@code a=mid:}. */
    public static MidAttribute parse(String value) {
        return new MidAttribute(value);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return mid;
    }
}
