package org.ortc4j.sctp.internal.control;

/**
 * One Gap Ack Block of a SACK (RFC 9260 §3.3.4): TSNs {@code cumulativeTsnAck + start} to
 * {@code cumulativeTsnAck + end} were received. Offsets are 1..65535.
 */
public record GapAckBlock(int start, int end) {

    /** Checks 1 &lt;= start &lt;= end &lt;= 65535. */
    public GapAckBlock {
        if (start < 1 || end < start || end > 0xFFFF) {
            throw new IllegalArgumentException("bad gap ack block " + start + ".." + end);
        }
    }
}
