package org.ortc4j.sdp;

import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code a=ssrc:<ssrc> <attribute>[:<value>]}: a source-level attribute (RFC 5576 §4.1), such
 * as {@code cname:...} or the legacy {@code msid:<stream> <track>}.
 *
 * @param ssrc the synchronization source, 0..2^32-1
 * @param attribute the source attribute's name, such as {@code cname}
 * @param attributeValue the source attribute's value (may contain spaces), or {@code null}
 */
public record SsrcAttribute(long ssrc, String attribute, String attributeValue) implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "ssrc";

    static final long MAX_SSRC = 0xFFFF_FFFFL;

    public SsrcAttribute {
        checkSsrc(ssrc);
        SdpSyntax.requireToken(attribute, "ssrc attribute name");
    }

    static void checkSsrc(long ssrc) {
        if (ssrc < 0 || ssrc > MAX_SSRC) {
            throw new IllegalArgumentException("ssrc " + ssrc + " is out of range 0..4294967295");
        }
    }

    /** Reads the text after {@code a=ssrc:}. */
    public static SsrcAttribute parse(String value) {
        int space = value.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("ssrc must be <ssrc> <attribute>[:<value>]");
        }
        long ssrc = SdpSyntax.parseLong(value.substring(0, space), 0, MAX_SSRC, "ssrc");
        String rest = value.substring(space + 1);
        int colon = rest.indexOf(':');
        return colon < 0
                ? new SsrcAttribute(ssrc, rest, null)
                : new SsrcAttribute(ssrc, rest.substring(0, colon), rest.substring(colon + 1));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return attributeValue == null ? ssrc + " " + attribute : ssrc + " " + attribute + ':' + attributeValue;
    }
}
