package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * VP9 payloads (RFC 9628) for a single-layer stream in non-flexible mode: every payload starts
 * with a descriptor holding a 15-bit picture ID that grows by one per frame, B on the first payload
 * of the frame, E on the last, P unless the frame is a key frame. The first payload of a key frame
 * also carries the scalability structure (V = 1) with the frame's resolution, read from the VP9
 * uncompressed header (RFC 9628 §4.2.1 sends the SS with key frames, so that a receiver
 * can start there). The marker bit goes on the last payload of the frame.
 */
public final class Vp9Packetizer implements RtpPacketizer {

    private int pictureId;

    /** Starts picture IDs at 0. */
    public Vp9Packetizer() {
        this(0);
    }

    /** @param initialPictureId the picture ID of the first frame, 0..32767 (often random) */
    public Vp9Packetizer(int initialPictureId) {
        if ((initialPictureId & ~0x7FFF) != 0) {
            throw new IllegalArgumentException("picture ID out of 15-bit range: " + initialPictureId);
        }
        this.pictureId = initialPictureId;
    }

    /** The picture ID the next frame gets. */
    public int nextPictureId() {
        return pictureId;
    }

    /**
     * Splits a VP9 frame (or superframe) into payloads.
     *
     * @throws IllegalArgumentException if the frame is empty or {@code maxPayloadSize} leaves no
     *     room after the descriptor
     */
    @Override
    public List<RtpPayload> packetize(ByteBuffer frame, int maxPayloadSize) {
        ByteBuffer source = frame.duplicate();
        if (!source.hasRemaining()) {
            throw new IllegalArgumentException("empty VP9 frame");
        }
        Vp9FrameHeader header = Vp9FrameHeader.read(source);
        Vp9ScalabilityStructure ss = header.keyFrame ? Vp9ScalabilityStructure.singleLayer(header.width, header.height) : null;
        List<RtpPayload> payloads = new ArrayList<>();
        boolean first = true;
        while (source.hasRemaining()) {
            Vp9PayloadDescriptor descriptor = Vp9PayloadDescriptor.nonFlexible(
                    pictureId, !header.keyFrame, first, false, first ? ss : null);
            int room = maxPayloadSize - descriptor.size();
            if (room < 1) {
                throw new IllegalArgumentException("maxPayloadSize " + maxPayloadSize + " leaves no room after the VP9 descriptor");
            }
            int length = Math.min(room, source.remaining());
            boolean last = length == source.remaining();
            if (last) {
                descriptor = Vp9PayloadDescriptor.nonFlexible(pictureId, !header.keyFrame, first, true, first ? ss : null);
            }
            ByteBuffer out = ByteBuffer.allocate(descriptor.size() + length);
            descriptor.writeNonFlexible(out);
            out.put(source.slice(source.position(), length));
            source.position(source.position() + length);
            payloads.add(new RtpPayload(out.array(), last, 0));
            first = false;
        }
        pictureId = (pictureId + 1) & 0x7FFF;
        return payloads;
    }
}
