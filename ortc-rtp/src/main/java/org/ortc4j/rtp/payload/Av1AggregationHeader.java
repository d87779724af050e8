package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;

/**
 * The aggregation header that starts every AV1 RTP payload (AOMedia "RTP Payload Format for AV1"
 * v1.0, §4.4).
 *
 * <pre>
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * |Z|Y| W |N|-|-|-|
 * +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param continuesFragment Z: "MUST be set to 1 if the first OBU element is an OBU fragment that
 *     is a continuation of an OBU fragment from the previous packet"
 * @param fragmentContinues Y: "MUST be set to 1 if the last OBU element is an OBU fragment that
 *     will continue in the next packet"
 * @param elementCount W: "the number of OBU elements in the packet"; 0 means each element has its
 *     own length field, 1..3 means the last element has none
 * @param newCodedVideoSequence N: "MUST be set to 1 if the packet is the first packet of a coded
 *     video sequence"
 */
public record Av1AggregationHeader(
        boolean continuesFragment, boolean fragmentContinues, int elementCount, boolean newCodedVideoSequence) {

    /** Validates W. */
    public Av1AggregationHeader {
        if (elementCount < 0 || elementCount > 3) {
            throw new IllegalArgumentException("W must be 0..3: " + elementCount);
        }
    }

    /**
     * Reads the aggregation header at the payload's position; the payload is not changed.
     *
     * @throws RtpPayloadException if the payload is empty
     */
    public static Av1AggregationHeader parse(ByteBuffer payload) throws RtpPayloadException {
        return fromByte(new PayloadReader(payload).readUnsignedByte("AV1 aggregation header"));
    }

    static Av1AggregationHeader fromByte(int b) {
        return new Av1AggregationHeader((b & 0x80) != 0, (b & 0x40) != 0, (b >>> 4) & 0x03, (b & 0x08) != 0);
    }

    /** The header as its one byte. */
    public int toByte() {
        return (continuesFragment ? 0x80 : 0) | (fragmentContinues ? 0x40 : 0) | (elementCount << 4)
                | (newCodedVideoSequence ? 0x08 : 0);
    }
}
