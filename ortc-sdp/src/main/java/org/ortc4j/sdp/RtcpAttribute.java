package org.ortc4j.sdp;

import java.util.List;
import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code a=rtcp:<port> [<nettype> <addrtype> <address>]}: where RTCP goes when it is not
 * multiplexed with RTP (RFC 3605 §2.1). JSEP writes {@code a=rtcp:9 IN IP4 0.0.0.0}.
 *
 * @param port the RTCP port
 * @param connection the RTCP address, or {@code null} when only the port is given
 */
public record RtcpAttribute(int port, ConnectionData connection) implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "rtcp";

    public RtcpAttribute {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("rtcp port " + port + " is out of range 0..65535");
        }
    }

    /** Reads the text after {@code a=rtcp:}. */
    public static RtcpAttribute parse(String value) {
        List<String> fields = SdpSyntax.fields(value);
        if (fields.size() != 1 && fields.size() != 4) {
            throw new IllegalArgumentException("rtcp must be <port> [<nettype> <addrtype> <address>]");
        }
        int port = SdpSyntax.parseInt(fields.get(0), 0, 65535, "rtcp port");
        ConnectionData connection = fields.size() == 4
                ? new ConnectionData(fields.get(1), fields.get(2), fields.get(3)) : null;
        return new RtcpAttribute(port, connection);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return connection == null ? Integer.toString(port) : port + " " + connection.value();
    }
}
