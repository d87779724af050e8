package org.ortc4j.sctp.internal.control;

/**
 * A DATA chunk the sender keeps until it is acknowledged or abandoned: what the retransmission
 * logic needs, with the payload as an opaque handle the association owns (the codec writes it).
 *
 * @param tsn the TSN (32-bit)
 * @param streamId the stream identifier
 * @param ssn the stream sequence number
 * @param payloadLength the user data length in bytes, counted in flight size and windows
 * @param flags the DATA chunk flags (RFC 9260 §3.3.1: {@link #UNORDERED}, {@link #BEGINNING},
 *     {@link #ENDING}, I bit)
 * @param payload the association's handle on the bytes; never read here
 */
public record OutboundChunk(long tsn, int streamId, int ssn, int payloadLength, int flags, Object payload) {

    /** The U bit: unordered. */
    public static final int UNORDERED = 0x04;
    /** The B bit: first fragment of a message. */
    public static final int BEGINNING = 0x02;
    /** The E bit: last fragment of a message. */
    public static final int ENDING = 0x01;

    /** Checks ranges. */
    public OutboundChunk {
        if (tsn < 0 || tsn > Tsn.MASK || streamId < 0 || streamId > 0xFFFF || ssn < 0 || ssn > 0xFFFF
                || payloadLength < 0) {
            throw new IllegalArgumentException("bad outbound chunk tsn " + tsn + " stream " + streamId
                    + " ssn " + ssn + " length " + payloadLength);
        }
    }

    /** Whether the U bit is set. */
    public boolean unordered() {
        return (flags & UNORDERED) != 0;
    }
}
