package org.ortc4j.sctp.internal.dcep;

/**
 * DATA_CHANNEL_ACK (RFC 8832 §5.2): one byte, 0x02, the answer to a DATA_CHANNEL_OPEN.
 */
public enum DataChannelAck implements DcepMessage {
    /** The only ACK there is. */
    INSTANCE;

    @Override
    public int messageType() {
        return TYPE_ACK;
    }

    @Override
    public byte[] encode() {
        return new byte[] {(byte) TYPE_ACK};
    }
}
