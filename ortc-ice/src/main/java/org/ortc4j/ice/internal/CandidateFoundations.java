package org.ortc4j.ice.internal;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.ortc4j.ice.RTCIceCandidateType;
import org.ortc4j.ice.RTCIceProtocol;

/**
 * Candidate foundations (RFC 8445 §5.1.1.3): "the same foundation for two candidates that have
 * the same type, base IP address, IP address of the STUN or TURN server, and transport protocol,
 * and different ones otherwise". The foundation is the CRC-32 of those fields in decimal, as
 * libwebrtc computes it, so it stays the same across gatherers and ICE restarts.
 */
public final class CandidateFoundations {

    private CandidateFoundations() {
    }

    /**
     * @param server the STUN or TURN server's address, or {@code null} for host candidates
     * @param serverTransport how the TURN server is reached ({@code udp}, {@code tcp},
     *     {@code tls}), or {@code null}
     */
    public static String of(RTCIceCandidateType type, InetAddress base, RTCIceProtocol protocol, InetAddress server,
            String serverTransport) {
        CRC32 crc = new CRC32();
        String key = type.value() + '|' + base.getHostAddress() + '|' + protocol.value() + '|'
                + (server == null ? "" : server.getHostAddress()) + '|' + (serverTransport == null ? "" : serverTransport);
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return Long.toString(crc.getValue());
    }
}
