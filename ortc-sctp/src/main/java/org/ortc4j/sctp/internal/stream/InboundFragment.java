package org.ortc4j.sctp.internal.stream;

/**
 * The user-data part of a received DATA chunk (RFC 9260 §3.3.1) or I-DATA chunk (RFC 8260 §2.1),
 * as the chunk codec decoded it. One shape serves both: DATA has a 16-bit SSN and no FSN, I-DATA
 * a 32-bit Message Identifier and a Fragment Sequence Number.
 *
 * @param tsn the transmission sequence number (unsigned 32-bit)
 * @param streamId the stream identifier S (0 to 65535)
 * @param sequence DATA: the stream sequence number n (0 to 65535; meaningless when
 *     {@code unordered}); I-DATA: the Message Identifier (MID, unsigned 32-bit)
 * @param fragmentSequence I-DATA: the Fragment Sequence Number (FSN, unsigned 32-bit; 0 on the
 *     fragment with the B bit); DATA: 0
 * @param ppid the payload protocol identifier (I-DATA: only meaningful on the B fragment, RFC 8260
 *     §2.1 "the PPID ... is only present in the first fragment"; pass 0 on the others)
 * @param unordered the U bit
 * @param beginning the B bit
 * @param ending the E bit
 * @param payload the user data (the reassembler keeps this array; the caller must not change it)
 */
public record InboundFragment(
        long tsn, int streamId, long sequence, long fragmentSequence, int ppid, boolean unordered,
        boolean beginning, boolean ending, byte[] payload) {

    /** Checks the ranges. */
    public InboundFragment {
        if (tsn < 0 || tsn > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("TSN out of range: " + tsn);
        }
        if (streamId < 0 || streamId > 0xFFFF) {
            throw new IllegalArgumentException("stream " + streamId + " out of range");
        }
        if (sequence < 0 || sequence > 0xFFFF_FFFFL || fragmentSequence < 0 || fragmentSequence > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sequence " + sequence + " / FSN " + fragmentSequence + " out of range");
        }
        if (payload == null) {
            throw new IllegalArgumentException("payload is null");
        }
    }
}
