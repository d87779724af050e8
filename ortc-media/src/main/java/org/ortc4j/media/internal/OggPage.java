package org.ortc4j.media.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.ortc4j.media.MediaFormatException;

/**
 * One Ogg page (RFC 3533 §6): the 27-byte header, the segment (lacing) table and the body, with
 * the page CRC checked on reading and computed on writing.
 *
 * @param flags    header type: {@link #CONTINUED}, {@link #BEGIN_OF_STREAM}, {@link #END_OF_STREAM}
 * @param granule  codec-defined position; -1 when no packet ends on the page
 * @param serial   logical bitstream serial number
 * @param sequence page sequence number within the logical bitstream
 * @param lacing   the segment table, values 0..255
 * @param body     the page body, the sum of the lacing values long
 */
public record OggPage(int flags, long granule, int serial, int sequence, int[] lacing, byte[] body) {

    /** RFC 3533 §6: "0x01: continued packet". */
    public static final int CONTINUED = 0x01;
    /** RFC 3533 §6: "0x02: first page of logical bitstream (bos)". */
    public static final int BEGIN_OF_STREAM = 0x02;
    /** RFC 3533 §6: "0x04: last page of logical bitstream (eos)". */
    public static final int END_OF_STREAM = 0x04;

    private static final int HEADER_SIZE = 27;
    private static final int[] CRC_TABLE = crcTable();

    // RFC 3533 §6: the CRC is "a 32 bit CRC checksum of the page (including header with zero CRC
    // field and page content)", generator polynomial 0x04c11db7, initial value 0, not reflected.
    private static int[] crcTable() {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
            }
            table[i] = r;
        }
        return table;
    }

    static int crc(byte[] bytes) {
        int crc = 0;
        for (byte b : bytes) {
            crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b) & 0xFF];
        }
        return crc;
    }

    /** Reads one page; null if the stream ends cleanly before a page starts. */
    public static OggPage read(StreamInput in) throws IOException {
        byte[] start = in.readUpTo(HEADER_SIZE);
        if (start.length == 0) {
            return null;
        }
        if (start.length < HEADER_SIZE) {
            throw new MediaFormatException("Ogg page header truncated at byte " + in.position());
        }
        ByteBuffer h = ByteBuffer.wrap(start).order(ByteOrder.LITTLE_ENDIAN);
        if (!new String(start, 0, 4, StandardCharsets.ISO_8859_1).equals("OggS")) {
            throw new MediaFormatException("no OggS capture pattern at byte " + (in.position() - HEADER_SIZE));
        }
        // RFC 3533 §6: "stream_structure_version ... mandated to be 0".
        if (start[4] != 0) {
            throw new MediaFormatException("Ogg version " + (start[4] & 0xFF));
        }
        int flags = start[5] & 0xFF;
        if ((flags & ~0x07) != 0) {
            throw new MediaFormatException("unknown Ogg header type flags " + flags);
        }
        long granule = h.getLong(6);
        int serial = h.getInt(14);
        int sequence = h.getInt(18);
        int storedCrc = h.getInt(22);
        int segments = start[26] & 0xFF;
        byte[] table = in.readExactly(segments, "Ogg segment table");
        int[] lacing = new int[segments];
        int bodySize = 0;
        for (int i = 0; i < segments; i++) {
            lacing[i] = table[i] & 0xFF;
            bodySize += lacing[i];
        }
        byte[] body = in.readExactly(bodySize, "Ogg page body");
        byte[] whole = new byte[HEADER_SIZE + segments + bodySize];
        System.arraycopy(start, 0, whole, 0, HEADER_SIZE);
        whole[22] = whole[23] = whole[24] = whole[25] = 0;
        System.arraycopy(table, 0, whole, HEADER_SIZE, segments);
        System.arraycopy(body, 0, whole, HEADER_SIZE + segments, bodySize);
        int crc = crc(whole);
        if (crc != storedCrc) {
            throw new MediaFormatException(String.format("Ogg page %d CRC %08x, computed %08x", sequence, storedCrc, crc));
        }
        return new OggPage(flags, granule, serial, sequence, lacing, body);
    }

    /** The page's bytes, CRC included. */
    public byte[] toBytes() {
        byte[] out = new byte[HEADER_SIZE + lacing.length + body.length];
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) flags).putLong(granule)
                .putInt(serial).putInt(sequence).putInt(0).put((byte) lacing.length);
        for (int value : lacing) {
            b.put((byte) value);
        }
        b.put(body);
        b.putInt(22, crc(out));
        return out;
    }

    /**
     * A page holding exactly one whole packet (RFC 3533 §5: a packet of n bytes is laced as
     * n/255 segments of 255 and a last one of n%255, which may be 0).
     *
     * @throws IllegalArgumentException if the packet needs more than 255 segments
     */
    public static OggPage ofPacket(int flags, long granule, int serial, int sequence, byte[] packet) {
        int segments = packet.length / 255 + 1;
        if (segments > 255) {
            throw new IllegalArgumentException("a packet of " + packet.length + " bytes does not fit one Ogg page");
        }
        int[] lacing = new int[segments];
        java.util.Arrays.fill(lacing, 255);
        lacing[segments - 1] = packet.length % 255;
        return new OggPage(flags, granule, serial, sequence, lacing, packet);
    }
}
