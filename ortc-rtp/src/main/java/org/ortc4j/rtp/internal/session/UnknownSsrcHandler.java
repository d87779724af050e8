package org.ortc4j.rtp.internal.session;

import org.ortc4j.rtp.packet.RtpPacket;

/**
 * Asked about a received RTP packet whose SSRC no stream is bound to (RFC 8843 §9.2: a receiver
 * recognises its stream by the MID, RID or repaired-RID header extension, or by payload type).
 */
@FunctionalInterface
public interface UnknownSsrcHandler {

    /**
     * Claims the packet's stream: a handler that returns {@code true} has already bound the
     * packet's SSRC with {@link RtpSession#bindRemoteStream}, and the session delivers this packet
     * through that binding. Called on the transport's loop; the packet is valid during the call only.
     */
    boolean claim(RtpPacket packet);
}
