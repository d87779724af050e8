package org.ortc4j.media.internal;

import java.util.Locale;

/**
 * Tells key frames from the first bytes of a VP8, VP9 or AV1 frame, for files (IVF) that do not
 * flag them. Unknown or too-short data is "not a key frame".
 */
public final class KeyFrameDetector {

    private KeyFrameDetector() {
    }

    /** True when {@code data} of codec {@code mimeType} starts a key frame. */
    public static boolean isKeyFrame(String mimeType, byte[] data) {
        if (data.length == 0) {
            return false;
        }
        return switch (mimeType.toLowerCase(Locale.ROOT)) {
            // RFC 6386 §9.1: the frame tag's first bit is "key_frame: 0 for key frames, 1 for interframes".
            case "video/vp8" -> (data[0] & 0x01) == 0;
            case "video/vp9" -> vp9KeyFrame(data[0] & 0xFF);
            case "video/av1" -> av1HasSequenceHeader(data);
            default -> false;
        };
    }

    // VP9 bitstream spec §6.2 uncompressed_header: frame_marker(2) profile_low_bit(1)
    // profile_high_bit(1) [reserved_zero(1) if profile == 3] show_existing_frame(1) frame_type(1),
    // frame_type 0 = KEY_FRAME. Bits are read from the most significant end.
    private static boolean vp9KeyFrame(int first) {
        if ((first >> 6) != 2) {
            return false;
        }
        int profile = ((first >> 5) & 1) | (((first >> 4) & 1) << 1);
        int bit = profile == 3 ? 2 : 3;
        boolean showExisting = ((first >> bit) & 1) == 1;
        return !showExisting && ((first >> (bit - 1)) & 1) == 0;
    }

    // AV1 spec §5.3: a temporal unit that starts a coded video sequence carries a sequence header
    // OBU (obu_type 1); encoders emit one with every key frame.
    private static boolean av1HasSequenceHeader(byte[] data) {
        int at = 0;
        while (at < data.length) {
            int header = data[at] & 0xFF;
            int type = (header >> 3) & 0x0F;
            boolean extension = (header & 0x04) != 0;
            boolean hasSize = (header & 0x02) != 0;
            if (type == 1) {
                return true;
            }
            at += 1 + (extension ? 1 : 0);
            if (!hasSize) {
                return false;
            }
            long size = 0;
            for (int i = 0; i < 8; i++) {
                if (at >= data.length) {
                    return false;
                }
                int b = data[at++] & 0xFF;
                size |= (long) (b & 0x7F) << (7 * i);
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            if (size > data.length - at) {
                return false;
            }
            at += (int) size;
        }
        return false;
    }
}
