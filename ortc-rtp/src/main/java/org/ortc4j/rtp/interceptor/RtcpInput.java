package org.ortc4j.rtp.interceptor;

import java.util.List;
import org.ortc4j.rtp.packet.RtcpPacket;

/**
 * Where received RTCP goes next: the next interceptor, and at the end of the chain the senders
 * and receivers it concerns. Called on the transport's loop with every packet of one compound
 * packet, after SRTCP authenticated and decrypted it.
 */
@FunctionalInterface
public interface RtcpInput {

    /**
     * Delivers the packets of one compound (or reduced-size) RTCP packet, in order.
     *
     * @param arrivalNanos when the datagram arrived, on the transport scheduler's clock
     */
    void receive(List<RtcpPacket> packets, long arrivalNanos);
}
