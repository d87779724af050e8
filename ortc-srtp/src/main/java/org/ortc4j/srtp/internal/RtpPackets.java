package org.ortc4j.srtp.internal;

/** Reading the few RTP and RTCP header fields SRTP needs (RFC 3550 §5.1, §6.4). */
public final class RtpPackets {

    private RtpPackets() {
    }

    /** Whether the first byte says RTP/RTCP version 2. */
    public static boolean isVersion2(byte first) {
        return (first & 0xC0) == 0x80;
    }

    /**
     * The length of the RTP header, CSRCs and header extension: where the payload starts
     * (RFC 3711 §3.1 leaves all of it in the clear), or -1 if it runs past {@code length}.
     */
    public static int rtpHeaderLength(byte[] b, int offset, int length) {
        int headerLength = 12 + 4 * (b[offset] & 0x0F);
        if ((b[offset] & 0x10) != 0) {
            if (headerLength + 4 > length) {
                return -1;
            }
            int words = uint16(b, offset + headerLength + 2);
            headerLength += 4 + 4 * words;
        }
        return headerLength > length ? -1 : headerLength;
    }

    public static int uint16(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 8) | (b[offset + 1] & 0xFF);
    }

    public static int int32(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 24) | ((b[offset + 1] & 0xFF) << 16)
                | ((b[offset + 2] & 0xFF) << 8) | (b[offset + 3] & 0xFF);
    }

    public static void putInt32(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 24);
        b[offset + 1] = (byte) (value >>> 16);
        b[offset + 2] = (byte) (value >>> 8);
        b[offset + 3] = (byte) value;
    }
}
