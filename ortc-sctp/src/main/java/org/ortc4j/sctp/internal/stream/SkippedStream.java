package org.ortc4j.sctp.internal.stream;

/**
 * One Stream/Stream Sequence pair of a FORWARD-TSN chunk (RFC 3758 §3.2): on this stream, the
 * ordered messages up to and including this SSN are skipped.
 *
 * @param streamId the stream
 * @param ssn the largest SSN skipped on it
 */
public record SkippedStream(int streamId, int ssn) {}
