package org.ortc4j.sctp.internal.control;

import java.util.List;

/**
 * The content of a FORWARD TSN chunk (RFC 3758 §3.2): the new cumulative TSN and, for each
 * ordered stream with skipped messages, the highest skipped stream sequence number.
 */
public record ForwardTsn(long newCumulativeTsn, List<SkippedStream> skippedStreams) {

    /** One (Stream-N, Stream Sequence-N) pair. */
    public record SkippedStream(int streamId, int ssn) {
    }

    /** Copies the list. */
    public ForwardTsn {
        skippedStreams = List.copyOf(skippedStreams);
    }
}
