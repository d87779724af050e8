package org.ortc4j.rtp.internal.twcc;

import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.packet.RtpPacketBuilder;

/**
 * Sets one RFC 8285 header extension element of a packet to a new value, keeping everything else:
 * a new packet is built, since a received view's buffer is not ours to change.
 */
public final class ExtensionRewriter {

    private ExtensionRewriter() {
    }

    /**
     * The packet with element {@code id} set to {@code value} (replacing the packet's own, or added
     * after its other elements), or null when the packet's header extension is of a profile that
     * is not RFC 8285's (RFC 3550 §5.3.1 allows one extension only, so no element fits beside it).
     */
    public static RtpPacket withExtension(RtpPacket packet, int id, byte[] value) {
        if (packet.hasExtension() && !packet.hasExtensionElements()) {
            return null;
        }
        RtpPacketBuilder builder = RtpPacket.builder()
                .marker(packet.marker())
                .payloadType(packet.payloadType())
                .sequenceNumber(packet.sequenceNumber())
                .timestamp(packet.timestamp())
                .ssrc(packet.ssrc())
                .paddingLength(packet.paddingLength())
                .payload(packet.payload());
        for (int i = 0; i < packet.csrcCount(); i++) {
            builder.addCsrc(packet.csrc(i));
        }
        // RFC 8285 §4.3: a packet already in the two-byte form stays in it (the peer accepts it);
        // otherwise the builder picks the one-byte form when every element fits.
        if (packet.hasExtension() && packet.extensionProfile() != RtpPacket.ONE_BYTE_PROFILE) {
            builder.extensionProfile(packet.extensionProfile());
        }
        for (int i = 0; i < packet.extensionCount(); i++) {
            if (packet.extensionId(i) != id) {
                java.nio.ByteBuffer data = packet.extensionValue(i);
                byte[] copy = new byte[data.remaining()];
                data.get(copy);
                builder.addExtension(packet.extensionId(i), copy);
            }
        }
        builder.addExtension(id, value);
        return builder.build();
    }
}
