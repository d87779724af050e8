package org.ortc4j.sdp;

import java.util.List;
import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code a=ice-options:<option> ...}: ICE options such as {@code trickle} (RFC 8840) or
 * {@code ice2} (RFC 8445) (RFC 8839 §5.6).
 *
 * @param options the options in the order given; at least one
 */
public record IceOptionsAttribute(List<String> options) implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "ice-options";

    public IceOptionsAttribute {
        options = List.copyOf(options);
        if (options.isEmpty()) {
            throw new IllegalArgumentException("ice-options needs at least one option");
        }
        for (String option : options) {
            SdpSyntax.requireNonWs(option, "ICE option");
        }
    }

    /** Reads the text after {@code a=ice-options:}. */
    public static IceOptionsAttribute parse(String value) {
        return new IceOptionsAttribute(SdpSyntax.fields(value));
    }

    /** Whether {@code option} (such as {@code "trickle"}) is among the options. */
    public boolean has(String option) {
        return options.contains(option);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return String.join(" ", options);
    }
}
