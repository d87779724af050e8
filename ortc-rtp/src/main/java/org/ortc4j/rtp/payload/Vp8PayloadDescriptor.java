package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;

/**
 * The VP8 payload descriptor at the start of every VP8 RTP payload (RFC 7741 §4.2). Immutable;
 * fields that are absent read as -1.
 *
 * <pre>
 * RFC 7741 §4.2:
 *       0 1 2 3 4 5 6 7
 *      +-+-+-+-+-+-+-+-+
 *      |X|R|N|S|R| PID | (REQUIRED)
 *      +-+-+-+-+-+-+-+-+
 * X:   |I|L|T|K| RSV   | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * I:   |M| PictureID   | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 *      |   PictureID   | (present when M = 1)
 *      +-+-+-+-+-+-+-+-+
 * L:   |   TL0PICIDX   | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * T/K: |TID|Y| KEYIDX  | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param nonReference N: the frame can be discarded without affecting other frames
 * @param startOfPartition S: the payload starts a VP8 partition
 * @param partitionIndex PID: the partition the first byte of the payload belongs to, 0..7
 * @param pictureId the picture ID, or -1 if absent
 * @param pictureIdBits 7 or 15 (M bit) when present, 0 when absent
 * @param tl0PicIdx TL0PICIDX, or -1 if absent
 * @param temporalLayer TID, or -1 if absent (T = 0)
 * @param layerSync Y; false when TID is absent
 * @param keyIndex KEYIDX, or -1 if absent (K = 0)
 * @param size the descriptor's size in bytes (where the VP8 payload starts)
 */
public record Vp8PayloadDescriptor(
        boolean nonReference,
        boolean startOfPartition,
        int partitionIndex,
        int pictureId,
        int pictureIdBits,
        int tl0PicIdx,
        int temporalLayer,
        boolean layerSync,
        int keyIndex,
        int size) {

    /**
     * Reads the descriptor at the payload's position; the payload is not changed (a view, no copy).
     *
     * @throws RtpPayloadException if the payload ends inside the descriptor
     */
    public static Vp8PayloadDescriptor parse(ByteBuffer payload) throws RtpPayloadException {
        PayloadReader reader = new PayloadReader(payload);
        int first = reader.readUnsignedByte("VP8 payload descriptor");
        boolean extended = (first & 0x80) != 0;
        boolean nonReference = (first & 0x20) != 0;
        boolean start = (first & 0x10) != 0;
        int partitionIndex = first & 0x07;
        int pictureId = -1;
        int pictureIdBits = 0;
        int tl0PicIdx = -1;
        int temporalLayer = -1;
        boolean layerSync = false;
        int keyIndex = -1;
        if (extended) {
            int x = reader.readUnsignedByte("VP8 extension byte");
            if ((x & 0x80) != 0) {
                int m = reader.readUnsignedByte("VP8 picture ID");
                // RFC 7741 §4.2: the M bit, the first bit of the PictureID field, says whether
                // the rest of the field is 15 bits (M = 1) or 7 bits (M = 0).
                if ((m & 0x80) != 0) {
                    pictureId = ((m & 0x7F) << 8) | reader.readUnsignedByte("VP8 15-bit picture ID");
                    pictureIdBits = 15;
                } else {
                    pictureId = m;
                    pictureIdBits = 7;
                }
            }
            if ((x & 0x40) != 0) {
                tl0PicIdx = reader.readUnsignedByte("VP8 TL0PICIDX");
            }
            boolean t = (x & 0x20) != 0;
            boolean k = (x & 0x10) != 0;
            if (t || k) {
                int b = reader.readUnsignedByte("VP8 TID/KEYIDX");
                if (t) {
                    temporalLayer = b >>> 6;
                    layerSync = (b & 0x20) != 0;
                }
                if (k) {
                    keyIndex = b & 0x1F;
                }
            }
        }
        return new Vp8PayloadDescriptor(nonReference, start, partitionIndex, pictureId, pictureIdBits,
                tl0PicIdx, temporalLayer, layerSync, keyIndex, reader.index() - payload.position());
    }

    /**
     * Whether this payload starts a frame: RFC 7741 §4.2: "The S bit MUST be set to 1 for the first
     * packet of each encoded frame"; the first packet of a frame also starts partition 0.
     */
    public boolean startsFrame() {
        return startOfPartition && partitionIndex == 0;
    }
}
