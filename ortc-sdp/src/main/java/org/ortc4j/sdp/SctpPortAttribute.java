package org.ortc4j.sdp;

import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code a=sctp-port:<port>}: the SCTP port of the data channel association (RFC 8841 §5).
 *
 * @param port the SCTP port, 0..65535 (WebRTC uses 5000)
 */
public record SctpPortAttribute(int port) implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "sctp-port";

    public SctpPortAttribute {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("sctp-port " + port + " is out of range 0..65535");
        }
    }

    /** Reads the text after {@code a=sctp-port:}. */
    public static SctpPortAttribute parse(String value) {
        return new SctpPortAttribute(SdpSyntax.parseInt(value, 0, 65535, "sctp-port"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return Integer.toString(port);
    }
}
