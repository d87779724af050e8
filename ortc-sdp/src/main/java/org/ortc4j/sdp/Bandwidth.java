package org.ortc4j.sdp;

import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code b=<bwtype>:<bandwidth>}: a proposed bandwidth (RFC 8866 §5.8), such as {@code b=AS:512}
 * in kbit/s or {@code b=TIAS:512000} in bit/s (RFC 3890).
 *
 * @param type the bandwidth type, a token
 * @param bandwidth the value, non-negative
 */
public record Bandwidth(String type, long bandwidth) {

    public Bandwidth {
        SdpSyntax.requireToken(type, "bandwidth type");
        if (type.indexOf(':') >= 0) {
            throw new IllegalArgumentException("bandwidth type contains ':': " + SdpSyntax.quote(type));
        }
        if (bandwidth < 0) {
            throw new IllegalArgumentException("bandwidth must not be negative: " + bandwidth);
        }
    }

    /** Reads the text after {@code b=}. */
    public static Bandwidth parse(String value) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("b= must be <bwtype>:<bandwidth>, not " + SdpSyntax.quote(value));
        }
        return new Bandwidth(value.substring(0, colon),
                SdpSyntax.parseLong(value.substring(colon + 1), 0, Long.MAX_VALUE, "bandwidth"));
    }

    /** The value as written after {@code b=}. */
    public String value() {
        return type + ':' + bandwidth;
    }
}
