package org.ortc4j.sdp;

import java.util.Objects;
import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code a=setup:<role>}: which end opens the DTLS connection (RFC 4145 §4, RFC 8842 §5).
 *
 * @param role the role this endpoint takes
 */
public record SetupAttribute(SetupRole role) implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "setup";

    public SetupAttribute {
        Objects.requireNonNull(role, "role");
    }

    /** Reads the text after {@code a=setup:}. */
    public static SetupAttribute parse(String value) {
        SetupRole role = SetupRole.fromValue(value);
        if (role == null) {
            throw new IllegalArgumentException("setup must be active, passive, actpass or holdconn, not "
                    + SdpSyntax.quote(value));
        }
        return new SetupAttribute(role);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return role.value();
    }
}
