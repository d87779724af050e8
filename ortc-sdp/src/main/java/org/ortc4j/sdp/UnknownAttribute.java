package org.ortc4j.sdp;

import java.util.Objects;
import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * An attribute this library does not model by type ({@code a=ptime:20}, {@code a=rtcp-xr:...},
 * vendor attributes), kept verbatim so that writing the description gives it back unchanged.
 *
 * @param name the attribute name, an RFC 8866 token
 * @param value the text after the colon, or {@code null} for a property attribute
 */
public record UnknownAttribute(String name, String value) implements SdpAttribute {

    public UnknownAttribute {
        SdpSyntax.requireToken(name, "attribute name");
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("attribute value contains a line break");
        }
    }

    /** A property attribute such as {@code a=x-google-flag}. */
    public static UnknownAttribute property(String name) {
        return new UnknownAttribute(name, null);
    }

    /** A value attribute such as {@code a=ptime:20}. */
    public static UnknownAttribute of(String name, String value) {
        return new UnknownAttribute(name, Objects.requireNonNull(value, "value"));
    }
}
