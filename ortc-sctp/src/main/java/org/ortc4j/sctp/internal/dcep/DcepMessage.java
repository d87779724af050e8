package org.ortc4j.sctp.internal.dcep;

/**
 * A Data Channel Establishment Protocol message (RFC 8832 §5), sent with PPID 50
 * ({@link PayloadProtocolId#DCEP}) on the data channel's own stream.
 */
public sealed interface DcepMessage permits DataChannelOpen, DataChannelAck {

    /** RFC 8832 §8.2.1: DATA_CHANNEL_ACK. */
    int TYPE_ACK = 0x02;

    /** RFC 8832 §8.2.1: DATA_CHANNEL_OPEN. */
    int TYPE_OPEN = 0x03;

    /** The message type byte. */
    int messageType();

    /** The message in its wire form. */
    byte[] encode();

    /**
     * Decodes one DCEP message: the whole payload of one SCTP user message with PPID 50.
     *
     * @throws DcepParseException if the bytes are not a DATA_CHANNEL_OPEN or DATA_CHANNEL_ACK
     */
    static DcepMessage decode(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new DcepParseException("empty message");
        }
        int type = payload[0] & 0xFF;
        switch (type) {
            case TYPE_OPEN:
                return DataChannelOpen.decode(payload);
            case TYPE_ACK:
                // RFC 8832 §5.2: the ACK is the Message Type byte alone.
                if (payload.length != 1) {
                    throw new DcepParseException("DATA_CHANNEL_ACK of " + payload.length + " bytes; expected 1");
                }
                return DataChannelAck.INSTANCE;
            default:
                throw new DcepParseException("unknown message type 0x" + Integer.toHexString(type));
        }
    }
}
