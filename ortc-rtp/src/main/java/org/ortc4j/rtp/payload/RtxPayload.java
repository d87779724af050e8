package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;

/**
 * RTX retransmission payloads (RFC 4588 §4): the original packet's sequence number followed by
 * its payload.
 *
 * <pre>
 * RFC 4588 §4:
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            OSN                |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               |
 * |                  Original RTP Packet Payload                  |
 * </pre>
 */
public final class RtxPayload {

    /** Size of the original sequence number field. */
    public static final int OSN_SIZE = 2;

    private RtxPayload() {}

    /**
     * Builds an RTX payload: RFC 4588 §4: "The retransmission packet payload ... contains as its
     * first two octets the original sequence number (OSN)" followed by the original payload.
     *
     * @param originalSequenceNumber the original packet's sequence number, 0..65535
     * @param originalPayload the original payload, position..limit; not changed
     */
    public static byte[] build(int originalSequenceNumber, ByteBuffer originalPayload) {
        if ((originalSequenceNumber & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("sequence number out of range: " + originalSequenceNumber);
        }
        byte[] bytes = new byte[OSN_SIZE + originalPayload.remaining()];
        bytes[0] = (byte) (originalSequenceNumber >>> 8);
        bytes[1] = (byte) originalSequenceNumber;
        originalPayload.duplicate().get(bytes, OSN_SIZE, bytes.length - OSN_SIZE);
        return bytes;
    }

    /**
     * The original sequence number of an RTX payload.
     *
     * @throws RtpPayloadException if the payload is shorter than two bytes
     */
    public static int originalSequenceNumber(ByteBuffer rtxPayload) throws RtpPayloadException {
        return new PayloadReader(rtxPayload).readUnsignedShort("RTX original sequence number");
    }

    /**
     * The original payload inside an RTX payload: a view sharing the RTX payload's bytes (no copy).
     *
     * @throws RtpPayloadException if the payload is shorter than two bytes
     */
    public static ByteBuffer originalPayload(ByteBuffer rtxPayload) throws RtpPayloadException {
        if (rtxPayload.remaining() < OSN_SIZE) {
            throw new RtpPayloadException("payload ends before RTX original sequence number");
        }
        ByteBuffer view = rtxPayload.duplicate();
        view.position(view.position() + OSN_SIZE);
        return view.slice();
    }
}
