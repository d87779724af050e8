package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * VP8 payloads (RFC 7741): strips the payload descriptors and joins the VP8 data. The first
 * payload must start partition 0 (S = 1, PID = 0), no later payload may, and payloads that carry
 * a picture ID must all carry the first one's.
 */
public final class Vp8Depacketizer implements RtpDepacketizer {

    /** Makes a depacketizer for one VP8 stream. */
    public Vp8Depacketizer() {}

    @Override
    public byte[] depacketize(List<ByteBuffer> payloads) throws RtpPayloadException {
        if (payloads.isEmpty()) {
            throw new RtpPayloadException("no payloads");
        }
        int count = payloads.size();
        int[] starts = new int[count];
        long total = 0;
        int pictureId = -1;
        for (int i = 0; i < count; i++) {
            ByteBuffer payload = payloads.get(i);
            Vp8PayloadDescriptor descriptor = Vp8PayloadDescriptor.parse(payload);
            if (i == 0 && !descriptor.startsFrame()) {
                throw new RtpPayloadException("first VP8 payload does not start partition 0");
            }
            if (i > 0 && descriptor.startsFrame()) {
                throw new RtpPayloadException("VP8 payload " + i + " starts a new frame");
            }
            if (descriptor.pictureId() >= 0) {
                if (pictureId < 0) {
                    pictureId = descriptor.pictureId();
                } else if (pictureId != descriptor.pictureId()) {
                    throw new RtpPayloadException("VP8 payload " + i + " has picture ID "
                            + descriptor.pictureId() + ", frame has " + pictureId);
                }
            }
            // Payloads with nothing after the descriptor have been seen from real senders (Pion's
            // tests keep one): they add nothing, but do not spoil the frame.
            int dataSize = payload.remaining() - descriptor.size();
            starts[i] = payload.position() + descriptor.size();
            total += dataSize;
        }
        if (total == 0) {
            throw new RtpPayloadException("VP8 payloads hold no data");
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new RtpPayloadException("frame too large: " + total + " bytes");
        }
        byte[] frame = new byte[(int) total];
        int offset = 0;
        for (int i = 0; i < count; i++) {
            ByteBuffer view = payloads.get(i).duplicate();
            view.position(starts[i]);
            int length = view.remaining();
            view.get(frame, offset, length);
            offset += length;
        }
        return frame;
    }

    /** S = 1 and PID = 0: the payload starts a frame. */
    @Override
    public boolean isFrameStart(ByteBuffer payload) throws RtpPayloadException {
        return Vp8PayloadDescriptor.parse(payload).startsFrame();
    }

    /**
     * Whether the payload starts a key frame (false when it holds no VP8 data): RFC 7741 §4.3, in the VP8 payload header that opens
     * the first partition: "P: Inverse key frame flag. When set to 0, the current frame is a key
     * frame."
     */
    @Override
    public boolean isKeyFrame(ByteBuffer payload) throws RtpPayloadException {
        Vp8PayloadDescriptor descriptor = Vp8PayloadDescriptor.parse(payload);
        if (!descriptor.startsFrame()) {
            return false;
        }
        int headerIndex = payload.position() + descriptor.size();
        if (headerIndex >= payload.limit()) {
            return false;
        }
        return (payload.get(headerIndex) & 0x01) == 0;
    }
}
