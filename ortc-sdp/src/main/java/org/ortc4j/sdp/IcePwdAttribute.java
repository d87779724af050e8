package org.ortc4j.sdp;

import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code a=ice-pwd:<pwd>}: the ICE password (RFC 8839 §5.4).
 *
 * <p>RFC 8839 restricts it to 22–256 {@code ice-char}s; that is checked where ICE uses it, not
 * here, because real peers send other characters and this model reads what they send.
 *
 * @param pwd the password, without whitespace
 */
public record IcePwdAttribute(String pwd) implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "ice-pwd";

    public IcePwdAttribute {
        SdpSyntax.requireNonWs(pwd, "ice-pwd");
    }

    /** Reads the text after {@code a=ice-pwd:}. */
    public static IcePwdAttribute parse(String value) {
        return new IcePwdAttribute(value);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return pwd;
    }
}
