package org.ortc4j.media.internal;

/** The duration of an Opus packet from its table-of-contents byte (RFC 6716 §3.1). */
public final class OpusToc {

    // RFC 6716 §3.1 Table 2: frame sizes, in samples at 48 kHz, by configuration number.
    private static final int[] SILK = {480, 960, 1920, 2880};
    private static final int[] HYBRID = {480, 960};
    private static final int[] CELT = {120, 240, 480, 960};

    private OpusToc() {
    }

    /** Samples per channel at 48 kHz in {@code packet}, or -1 if it is too short to say. */
    public static int samples(byte[] packet) {
        if (packet.length == 0) {
            return -1;
        }
        int toc = packet[0] & 0xFF;
        int config = toc >> 3;
        int frameSize = config < 12 ? SILK[config & 3] : config < 16 ? HYBRID[config & 1] : CELT[config & 3];
        // RFC 6716 §3.1: "c: 0 = 1 frame, 1 = 2 frames equal size, 2 = 2 frames different size,
        // 3 = an arbitrary number of frames", the count in the low 6 bits of the next byte (§3.2.5).
        int frames = switch (toc & 3) {
            case 0 -> 1;
            case 1, 2 -> 2;
            default -> packet.length < 2 ? -1 : packet[1] & 0x3F;
        };
        if (frames <= 0) {
            return -1;
        }
        return frames * frameSize;
    }
}
