package org.ortc4j.sctp.internal.stream;

/**
 * The user-data part of a received DATA chunk (RFC 9260 §3.3.1), as the chunk codec decoded it.
 *
 * @param tsn the transmission sequence number (unsigned 32-bit)
 * @param streamId the stream identifier S (0 to 65535)
 * @param ssn the stream sequence number n (0 to 65535; meaningless when {@code unordered})
 * @param ppid the payload protocol identifier
 * @param unordered the U bit
 * @param beginning the B bit
 * @param ending the E bit
 * @param payload the user data (the reassembler keeps this array; the caller must not change it)
 */
public record InboundFragment(
        long tsn, int streamId, int ssn, int ppid, boolean unordered, boolean beginning, boolean ending,
        byte[] payload) {

    /** Checks the ranges. */
    public InboundFragment {
        if (tsn < 0 || tsn > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("TSN out of range: " + tsn);
        }
        if (streamId < 0 || streamId > 0xFFFF || ssn < 0 || ssn > 0xFFFF) {
            throw new IllegalArgumentException("stream " + streamId + " / SSN " + ssn + " out of range");
        }
        if (payload == null) {
            throw new IllegalArgumentException("payload is null");
        }
    }
}
