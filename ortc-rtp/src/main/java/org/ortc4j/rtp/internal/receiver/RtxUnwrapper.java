package org.ortc4j.rtp.internal.receiver;

import java.util.OptionalInt;
import org.ortc4j.rtp.interceptor.RtpStreamInfo;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.payload.RtpPayloadException;
import org.ortc4j.rtp.payload.RtxPayload;

/**
 * Restores the original packet from an RTX retransmission (RFC 4588 §4): the original sequence
 * number from the payload's first two bytes, the original payload type from the RTX type's
 * {@code apt}, the media stream's SSRC; timestamp, marker and header extensions as sent.
 */
final class RtxUnwrapper {

    private RtxUnwrapper() {
    }

    /**
     * The original packet, or {@code null} when the RTX packet cannot be one of this stream's: an
     * unknown RTX payload type, or a payload too short for the OSN (RFC 4588 §4: such a packet
     * is "padding" for bandwidth probing, carrying nothing to restore).
     */
    static RtpPacket unwrap(RtpPacket rtx, RtpStreamInfo stream) {
        OptionalInt original = stream.associatedPayloadType(rtx.payloadType());
        if (original.isEmpty() || rtx.payloadLength() < RtxPayload.OSN_SIZE) {
            return null;
        }
        try {
            int sequenceNumber = RtxPayload.originalSequenceNumber(rtx.payload());
            return rtx.toBuilder()
                    .ssrc(stream.ssrc())
                    .payloadType(original.getAsInt())
                    .sequenceNumber(sequenceNumber)
                    .paddingLength(0)
                    .payload(RtxPayload.originalPayload(rtx.payload()))
                    .build();
        } catch (RtpPayloadException e) {
            return null;
        }
    }
}
