package org.ortc4j.rtp.interceptor;

import org.ortc4j.rtp.packet.RtpPacket;

/**
 * Where a sending stream's RTP packets go next: the next interceptor, and at the end of the chain
 * the SRTP session and the wire. Called on the transport's loop.
 */
@FunctionalInterface
public interface RtpOutput {

    /**
     * Sends one packet onwards. The packet's buffer belongs to the caller for the duration of the
     * call only: an interceptor that keeps it (a send history) copies it.
     */
    void write(RtpPacket packet);
}
