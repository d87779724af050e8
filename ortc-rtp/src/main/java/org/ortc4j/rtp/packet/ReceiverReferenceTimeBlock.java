package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;

/**
 * Receiver reference time report block (RFC 3611 §4.4), block type 4: lets a receiver that does
 * not send get round-trip times from DLRR blocks.
 *
 * @param ntpTimestamp the 64-bit NTP timestamp of when the report was sent
 */
public record ReceiverReferenceTimeBlock(long ntpTimestamp) implements XrBlock {

    /** RFC 3611 §4.4: BT=4. */
    public static final int BLOCK_TYPE = 4;

    @Override
    public int blockType() {
        return BLOCK_TYPE;
    }

    @Override
    public int encodedLength() {
        return 12;
    }

    @Override
    public void writeTo(ByteBuffer out) {
        out.put((byte) BLOCK_TYPE);
        out.put((byte) 0);
        out.putShort((short) 2);
        out.putLong(ntpTimestamp);
    }
}
