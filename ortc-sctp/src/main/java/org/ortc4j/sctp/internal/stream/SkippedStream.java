package org.ortc4j.sctp.internal.stream;

/**
 * One skipped-stream entry of a FORWARD-TSN chunk (RFC 3758 §3.2) or an I-FORWARD-TSN chunk
 * (RFC 8260 §2.3.1): on this stream, the messages up to and including this sequence are skipped.
 *
 * @param streamId the stream
 * @param unordered FORWARD-TSN: always {@code false} (it lists ordered streams only); I-FORWARD-TSN:
 *     the U bit, saying whether the MID is of the stream's unordered or ordered messages
 * @param sequence FORWARD-TSN: the largest SSN skipped (16-bit); I-FORWARD-TSN: the largest MID
 *     skipped (32-bit)
 */
public record SkippedStream(int streamId, boolean unordered, long sequence) {

    /** Checks the ranges. */
    public SkippedStream {
        if (streamId < 0 || streamId > 0xFFFF) {
            throw new IllegalArgumentException("stream " + streamId + " out of range");
        }
        if (sequence < 0 || sequence > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sequence " + sequence + " out of range");
        }
    }
}
