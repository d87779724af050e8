package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;

/**
 * The transport-wide sequence number header extension
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2): a 16-bit sequence number counted over
 * all packets of the transport, which transport-wide feedback ({@link TransportWideFeedback})
 * refers to. 2 bytes.
 *
 * @param sequenceNumber the transport-wide sequence number, 0 to 65535
 */
public record TransportSequenceNumberExtension(int sequenceNumber) {

    /** The extension's URI (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2). */
    public static final String URI = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";

    /** @throws IllegalArgumentException if sequenceNumber does not fit 16 bits */
    public TransportSequenceNumberExtension {
        if (sequenceNumber < 0 || sequenceNumber > 0xFFFF) {
            throw new IllegalArgumentException("transport-wide sequence number is 16 bits, not " + sequenceNumber);
        }
    }

    /** Reads the sequence number of an element's data without allocating. */
    public static int readSequenceNumber(ByteBuffer data) throws RtpParseException {
        HeaderExtensionValues.requireLength(data, 2, "transport-wide sequence number");
        return data.getShort(data.position()) & 0xFFFF;
    }

    /** Decodes an element's data (position to limit, not consumed). */
    public static TransportSequenceNumberExtension decode(ByteBuffer data) throws RtpParseException {
        return new TransportSequenceNumberExtension(readSequenceNumber(data));
    }

    /** The element's data. */
    public byte[] encode() {
        return new byte[] {(byte) (sequenceNumber >>> 8), (byte) sequenceNumber};
    }
}
