package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * VP9 payloads (RFC 9628) for a single-layer stream: every payload starts with a descriptor holding
 * a 15-bit picture ID that grows by one per frame, B on the first payload of the frame, E on the
 * last, P unless the frame is a key frame. The first payload of a key frame also carries the
 * scalability structure (V = 1) with the frame's resolution, read from the VP9 uncompressed
 * header, so that a receiver can start there. The marker bit goes on the last payload of the frame.
 *
 * <p>Two modes (RFC 9628 §4.2): non-flexible (F = 0; the key frame's SS carries a picture group of
 * one picture referencing the one before it), and flexible (F = 1, as Chrome sends VP9; every
 * inter frame's descriptor carries P_DIFF = 1, a reference to the picture before it).
 */
public final class Vp9Packetizer implements RtpPacketizer {

    private static final int[] PREVIOUS_PICTURE = {1};

    private final boolean flexibleMode;
    private int pictureId;

    /** Non-flexible mode, picture IDs from 0. */
    public Vp9Packetizer() {
        this(0);
    }

    /**
     * Non-flexible mode.
     *
     * @param initialPictureId the picture ID of the first frame, 0..32767 (often random)
     */
    public Vp9Packetizer(int initialPictureId) {
        this(initialPictureId, false);
    }

    /**
     * @param initialPictureId the picture ID of the first frame, 0..32767 (often random)
     * @param flexibleMode whether to send in flexible mode (F = 1)
     */
    public Vp9Packetizer(int initialPictureId, boolean flexibleMode) {
        if ((initialPictureId & ~0x7FFF) != 0) {
            throw new IllegalArgumentException("picture ID out of 15-bit range: " + initialPictureId);
        }
        this.pictureId = initialPictureId;
        this.flexibleMode = flexibleMode;
    }

    /** Whether payloads are sent in flexible mode. */
    public boolean flexibleMode() {
        return flexibleMode;
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
        Vp9ScalabilityStructure ss = !header.keyFrame ? null
                : flexibleMode ? Vp9ScalabilityStructure.singleLayerResolution(header.width, header.height)
                : Vp9ScalabilityStructure.singleLayer(header.width, header.height);
        List<RtpPayload> payloads = new ArrayList<>();
        boolean first = true;
        while (source.hasRemaining()) {
            Vp9PayloadDescriptor descriptor = Vp9PayloadDescriptor.forSender(
                    flexibleMode, pictureId, !header.keyFrame, first, false, PREVIOUS_PICTURE, first ? ss : null);
            int room = maxPayloadSize - descriptor.size();
            if (room < 1) {
                throw new IllegalArgumentException("maxPayloadSize " + maxPayloadSize + " leaves no room after the VP9 descriptor");
            }
            int length = Math.min(room, source.remaining());
            boolean last = length == source.remaining();
            if (last) {
                descriptor = Vp9PayloadDescriptor.forSender(
                        flexibleMode, pictureId, !header.keyFrame, first, true, PREVIOUS_PICTURE, first ? ss : null);
            }
            ByteBuffer out = ByteBuffer.allocate(descriptor.size() + length);
            descriptor.write(out);
            out.put(source.slice(source.position(), length));
            source.position(source.position() + length);
            payloads.add(new RtpPayload(out.array(), last, 0));
            first = false;
        }
        pictureId = (pictureId + 1) & 0x7FFF;
        return payloads;
    }
}
