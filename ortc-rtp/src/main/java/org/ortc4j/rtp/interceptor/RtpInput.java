package org.ortc4j.rtp.interceptor;

import org.ortc4j.rtp.packet.RtpPacket;

/**
 * Where a received stream's RTP packets go next: the next interceptor, and at the end of the chain
 * the {@code RTCRtpReceiver}'s jitter buffer. Called on the transport's loop, after SRTP
 * authenticated and decrypted the packet.
 */
@FunctionalInterface
public interface RtpInput {

    /**
     * Delivers one packet. The packet's buffer belongs to the caller for the duration of the call
     * only: whoever keeps it copies it.
     *
     * @param arrivalNanos when the datagram arrived, on the transport scheduler's clock
     */
    void receive(RtpPacket packet, long arrivalNanos);
}
