package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * VP9 payloads (RFC 9628): strips the payload descriptors and joins the VP9 data of one picture
 * (all its layer frames, in order). The payloads must hold whole layer frames: the first has B = 1,
 * one with B = 1 follows only one with E = 1 and vice versa, the last has E = 1; payloads that
 * carry a picture ID all carry the first one's.
 */
public final class Vp9Depacketizer implements RtpDepacketizer {

    /** Makes a depacketizer for one VP9 stream. */
    public Vp9Depacketizer() {}

    @Override
    public byte[] depacketize(List<ByteBuffer> payloads) throws RtpPayloadException {
        if (payloads.isEmpty()) {
            throw new RtpPayloadException("no payloads");
        }
        int count = payloads.size();
        int[] starts = new int[count];
        long total = 0;
        int pictureId = -1;
        boolean previousEnded = true;
        for (int i = 0; i < count; i++) {
            ByteBuffer payload = payloads.get(i);
            Vp9PayloadDescriptor descriptor = Vp9PayloadDescriptor.parse(payload);
            // RFC 9628 §4.2: B = 1 exactly when the payload begins a layer frame, E = 1 exactly when
            // it ends one.
            if (descriptor.startOfFrame() != previousEnded) {
                throw new RtpPayloadException(descriptor.startOfFrame()
                        ? "VP9 payload " + i + " starts a frame before the previous one ended"
                        : "VP9 payload " + i + " continues a frame that has ended or not started");
            }
            previousEnded = descriptor.endOfFrame();
            if (descriptor.pictureId() >= 0) {
                if (pictureId < 0) {
                    pictureId = descriptor.pictureId();
                } else if (pictureId != descriptor.pictureId()) {
                    throw new RtpPayloadException("VP9 payload " + i + " has picture ID "
                            + descriptor.pictureId() + ", picture has " + pictureId);
                }
            }
            int dataSize = payload.remaining() - descriptor.size();
            if (dataSize <= 0) {
                throw new RtpPayloadException("VP9 payload " + i + " holds no data after its descriptor");
            }
            starts[i] = payload.position() + descriptor.size();
            total += dataSize;
        }
        if (!previousEnded) {
            throw new RtpPayloadException("last VP9 payload does not end its frame (E = 0)");
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new RtpPayloadException("frame too large: " + total + " bytes");
        }
        byte[] frame = new byte[(int) total];
        int offset = 0;
        for (int i = 0; i < count; i++) {
            ByteBuffer payload = payloads.get(i);
            int length = payload.limit() - starts[i];
            payload.get(starts[i], frame, offset, length);
            offset += length;
        }
        return frame;
    }

    /** B = 1 on the lowest spatial layer (or without layer indices): the payload starts a picture. */
    @Override
    public boolean isFrameStart(ByteBuffer payload) throws RtpPayloadException {
        return Vp9PayloadDescriptor.parse(payload).startsPicture();
    }

    /** The payload starts a base-layer frame without inter-picture prediction (P = 0). */
    @Override
    public boolean isKeyFrame(ByteBuffer payload) throws RtpPayloadException {
        return Vp9PayloadDescriptor.parse(payload).startsKeyPicture();
    }
}
