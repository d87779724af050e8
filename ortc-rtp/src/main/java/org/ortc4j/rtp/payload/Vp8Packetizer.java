package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * VP8 payloads (RFC 7741): every payload starts with a 4-byte payload descriptor carrying a 15-bit
 * picture ID that grows by one per frame, as browsers send it; the frame's bytes follow in
 * order. The marker bit goes on the last payload of the frame.
 */
public final class Vp8Packetizer implements RtpPacketizer {

    /** X, I, and a 15-bit picture ID: 4 bytes. */
    static final int DESCRIPTOR_SIZE = 4;

    private int pictureId;

    /** Starts picture IDs at 0. */
    public Vp8Packetizer() {
        this(0);
    }

    /** @param initialPictureId the picture ID of the first frame, 0..32767 (often random) */
    public Vp8Packetizer(int initialPictureId) {
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
     * Splits a VP8 frame into payloads.
     *
     * @throws IllegalArgumentException if the frame is empty or {@code maxPayloadSize} leaves no room
     *     after the 4-byte descriptor
     */
    @Override
    public List<RtpPayload> packetize(ByteBuffer frame, int maxPayloadSize) {
        int chunk = maxPayloadSize - DESCRIPTOR_SIZE;
        if (chunk < 1) {
            throw new IllegalArgumentException("maxPayloadSize " + maxPayloadSize + " leaves no room after the VP8 descriptor");
        }
        ByteBuffer source = frame.duplicate();
        int size = source.remaining();
        if (size == 0) {
            throw new IllegalArgumentException("empty VP8 frame");
        }
        int count = (size + chunk - 1) / chunk;
        List<RtpPayload> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = Math.min(chunk, source.remaining());
            byte[] bytes = new byte[DESCRIPTOR_SIZE + length];
            // RFC 7741 §4.2: X = 1 (extension byte present); "The S bit MUST be set to 1 for the
            // first packet of each encoded frame"; PID 0, the frame is sent as one partition.
            bytes[0] = (byte) (i == 0 ? 0x90 : 0x80);
            // I: PictureID present.
            bytes[1] = (byte) 0x80;
            // M = 1: a 15-bit picture ID.
            bytes[2] = (byte) (0x80 | (pictureId >>> 8));
            bytes[3] = (byte) pictureId;
            source.get(bytes, DESCRIPTOR_SIZE, length);
            // RFC 7741 §4.1: "Marker bit (M): MUST be set for the very last packet of each encoded
            // frame in line with the normal use of the M bit in video formats."
            payloads.add(new RtpPayload(bytes, i == count - 1, 0));
        }
        // RFC 7741 §4.2: the picture ID grows by one per frame and wraps around to 0 after 0x7FFF.
        pictureId = (pictureId + 1) & 0x7FFF;
        return payloads;
    }
}
