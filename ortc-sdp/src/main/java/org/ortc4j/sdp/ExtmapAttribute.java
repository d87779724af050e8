package org.ortc4j.sdp;

import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code a=extmap:<id>[/<direction>] <uri> [<extension attributes>]}: maps an RTP header
 * extension to a local identifier (RFC 8285 §8).
 *
 * @param id the identifier: 1..14 fits the one-byte form, 15..255 needs the two-byte form, and
 *     4096..4351 are the values RFC 8285 §8 reserves for negotiation
 * @param direction the direction of the extension, or {@code null} for the section's direction
 * @param uri the URI naming the extension
 * @param extensionAttributes text after the URI, or {@code null}
 */
public record ExtmapAttribute(int id, MediaDirection direction, String uri, String extensionAttributes)
        implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "extmap";

    public ExtmapAttribute {
        if (!(id >= 1 && id <= 255) && !(id >= 4096 && id <= 4351)) {
            throw new IllegalArgumentException("extmap id " + id + " is not in 1..255 or 4096..4351");
        }
        SdpSyntax.requireNonWs(uri, "extmap URI");
        if (extensionAttributes != null && extensionAttributes.isEmpty()) {
            throw new IllegalArgumentException("extmap extension attributes are empty");
        }
    }

    /** {@code a=extmap:<id> <uri>}. */
    public ExtmapAttribute(int id, String uri) {
        this(id, null, uri, null);
    }

    /** Reads the text after {@code a=extmap:}. */
    public static ExtmapAttribute parse(String value) {
        int space = value.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("extmap must be <id>[/<direction>] <uri>");
        }
        String idPart = value.substring(0, space);
        MediaDirection direction = null;
        int slash = idPart.indexOf('/');
        if (slash >= 0) {
            direction = MediaDirection.fromValue(idPart.substring(slash + 1));
            if (direction == null) {
                throw new IllegalArgumentException("extmap direction is not sendrecv, sendonly, recvonly or inactive: "
                        + SdpSyntax.quote(idPart.substring(slash + 1)));
            }
            idPart = idPart.substring(0, slash);
        }
        int id = SdpSyntax.parseInt(idPart, 0, 65535, "extmap id");
        String rest = value.substring(space + 1);
        int uriEnd = rest.indexOf(' ');
        String uri = uriEnd < 0 ? rest : rest.substring(0, uriEnd);
        String attributes = uriEnd < 0 ? null : rest.substring(uriEnd + 1);
        return new ExtmapAttribute(id, direction, uri, attributes);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        StringBuilder text = new StringBuilder().append(id);
        if (direction != null) {
            text.append('/').append(direction.value());
        }
        text.append(' ').append(uri);
        if (extensionAttributes != null) {
            text.append(' ').append(extensionAttributes);
        }
        return text.toString();
    }
}
