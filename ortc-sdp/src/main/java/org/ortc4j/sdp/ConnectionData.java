package org.ortc4j.sdp;

import java.util.List;
import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code c=<nettype> <addrtype> <connection-address>} (RFC 8866 §5.7), also the tail of
 * {@code a=rtcp}. WebRTC uses {@code IN IP4} or {@code IN IP6}, often with a dummy address
 * ({@code 0.0.0.0}) because ICE candidates carry the real ones.
 *
 * @param netType the network type, {@code IN} for the Internet
 * @param addressType {@code IP4} or {@code IP6} (others are kept as tokens)
 * @param address the address, possibly with a multicast {@code /ttl/count} suffix, or an FQDN
 */
public record ConnectionData(String netType, String addressType, String address) {

    public ConnectionData {
        SdpSyntax.requireToken(netType, "network type");
        SdpSyntax.requireToken(addressType, "address type");
        SdpSyntax.requireNonWs(address, "connection address");
    }

    /** {@code IN IP4 address}. */
    public static ConnectionData ip4(String address) {
        return new ConnectionData("IN", "IP4", address);
    }

    /** {@code IN IP6 address}. */
    public static ConnectionData ip6(String address) {
        return new ConnectionData("IN", "IP6", address);
    }

    /** Reads {@code <nettype> <addrtype> <address>}. */
    public static ConnectionData parse(String value) {
        List<String> fields = SdpSyntax.fields(value);
        if (fields.size() != 3) {
            throw new IllegalArgumentException("connection data must be <nettype> <addrtype> <address>, not "
                    + SdpSyntax.quote(value));
        }
        return new ConnectionData(fields.get(0), fields.get(1), fields.get(2));
    }

    /** The value as written in SDP. */
    public String value() {
        return netType + ' ' + addressType + ' ' + address;
    }
}
