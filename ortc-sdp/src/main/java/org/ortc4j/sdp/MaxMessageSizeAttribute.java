package org.ortc4j.sdp;

import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code a=max-message-size:<size>}: the largest SCTP user message the endpoint can receive, in
 * bytes; 0 means no limit (RFC 8841 §6).
 *
 * @param size the size in bytes, non-negative
 */
public record MaxMessageSizeAttribute(long size) implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "max-message-size";

    public MaxMessageSizeAttribute {
        if (size < 0) {
            throw new IllegalArgumentException("max-message-size must not be negative: " + size);
        }
    }

    /** Reads the text after {@code a=max-message-size:}. */
    public static MaxMessageSizeAttribute parse(String value) {
        return new MaxMessageSizeAttribute(SdpSyntax.parseLong(value, 0, Long.MAX_VALUE, "max-message-size"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return Long.toString(size);
    }
}
