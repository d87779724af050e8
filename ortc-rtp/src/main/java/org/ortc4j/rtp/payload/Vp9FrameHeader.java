package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;

/**
 * What the VP9 packetizer needs from a VP9 frame's uncompressed header (VP9 bitstream
 * specification §6.2): whether the frame is a key frame, and a key frame's size.
 */
final class Vp9FrameHeader {

    /** VP9 §7.2: "frame_sync_code ... 0x49, 0x83, 0x42". */
    private static final int SYNC_CODE = 0x498342;
    private static final int CS_RGB = 7;

    final boolean keyFrame;
    final int width;
    final int height;

    private Vp9FrameHeader(boolean keyFrame, int width, int height) {
        this.keyFrame = keyFrame;
        this.width = width;
        this.height = height;
    }

    /** Reads the header at the frame's position; anything unreadable reads as "not a key frame". */
    static Vp9FrameHeader read(ByteBuffer frame) {
        BitReader bits = new BitReader(frame);
        if (bits.read(2) != 2) { // frame_marker
            return new Vp9FrameHeader(false, 0, 0);
        }
        int profile = bits.read(1) | (bits.read(1) << 1);
        if (profile == 3) {
            bits.read(1); // reserved_zero
        }
        if (bits.read(1) == 1) { // show_existing_frame
            return new Vp9FrameHeader(false, 0, 0);
        }
        int frameType = bits.read(1); // 0 = KEY_FRAME
        bits.read(1); // show_frame
        bits.read(1); // error_resilient_mode
        if (frameType != 0 || bits.read(24) != SYNC_CODE) {
            return new Vp9FrameHeader(false, 0, 0);
        }
        // color_config()
        if (profile >= 2) {
            bits.read(1); // ten_or_twelve_bit
        }
        int colorSpace = bits.read(3);
        if (colorSpace != CS_RGB) {
            bits.read(1); // color_range
            if (profile == 1 || profile == 3) {
                bits.read(3); // subsampling_x, subsampling_y, reserved_zero
            }
        } else if (profile == 1 || profile == 3) {
            bits.read(1); // reserved_zero
        }
        // frame_size()
        int width = bits.read(16) + 1;
        int height = bits.read(16) + 1;
        if (bits.overrun) {
            return new Vp9FrameHeader(false, 0, 0);
        }
        return new Vp9FrameHeader(true, width, height);
    }

    /** Reads bits most significant first; reads past the end give zeros and set {@code overrun}. */
    private static final class BitReader {
        private final ByteBuffer buffer;
        private int bitIndex;
        boolean overrun;

        BitReader(ByteBuffer buffer) {
            this.buffer = buffer;
            this.bitIndex = buffer.position() * 8;
        }

        int read(int count) {
            int value = 0;
            for (int i = 0; i < count; i++) {
                int byteIndex = bitIndex >>> 3;
                int bit = 0;
                if (byteIndex < buffer.limit()) {
                    bit = (buffer.get(byteIndex) >>> (7 - (bitIndex & 7))) & 1;
                } else {
                    overrun = true;
                }
                value = (value << 1) | bit;
                bitIndex++;
            }
            return value;
        }
    }
}
