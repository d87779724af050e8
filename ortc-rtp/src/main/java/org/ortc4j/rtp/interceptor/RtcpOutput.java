package org.ortc4j.rtp.interceptor;

import java.util.List;
import org.ortc4j.rtp.packet.RtcpPacket;

/**
 * Where outgoing RTCP goes: at the end of the chain the SRTCP session and the wire. Called on the
 * transport's loop.
 */
@FunctionalInterface
public interface RtcpOutput {

    /**
     * Sends the packets as one compound packet (RFC 3550 §6.1), or as a reduced-size packet
     * (RFC 5506) when that was negotiated; the end of the chain adds what a compound packet must
     * start with if the list lacks it.
     */
    void write(List<RtcpPacket> packets);
}
