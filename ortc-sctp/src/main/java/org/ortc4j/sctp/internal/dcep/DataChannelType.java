package org.ortc4j.sctp.internal.dcep;

/**
 * The Channel Type of a DATA_CHANNEL_OPEN (RFC 8832 §5.1, §8.2.2): reliability and ordering.
 * The high bit (0x80) means unordered.
 */
public enum DataChannelType {
    /** 0x00 DATA_CHANNEL_RELIABLE. */
    RELIABLE(0x00, true, Reliability.RELIABLE),
    /** 0x80 DATA_CHANNEL_RELIABLE_UNORDERED. */
    RELIABLE_UNORDERED(0x80, false, Reliability.RELIABLE),
    /** 0x01 DATA_CHANNEL_PARTIAL_RELIABLE_REXMIT. */
    PARTIAL_RELIABLE_REXMIT(0x01, true, Reliability.REXMIT),
    /** 0x81 DATA_CHANNEL_PARTIAL_RELIABLE_REXMIT_UNORDERED. */
    PARTIAL_RELIABLE_REXMIT_UNORDERED(0x81, false, Reliability.REXMIT),
    /** 0x02 DATA_CHANNEL_PARTIAL_RELIABLE_TIMED. */
    PARTIAL_RELIABLE_TIMED(0x02, true, Reliability.TIMED),
    /** 0x82 DATA_CHANNEL_PARTIAL_RELIABLE_TIMED_UNORDERED. */
    PARTIAL_RELIABLE_TIMED_UNORDERED(0x82, false, Reliability.TIMED);

    /** What the Reliability Parameter means for a channel type. */
    public enum Reliability {
        /** Fully reliable; RFC 8832 §5.1: the parameter "is ignored" (sent as 0). */
        RELIABLE,
        /** The parameter is the number of retransmissions. */
        REXMIT,
        /** The parameter is the lifetime in milliseconds. */
        TIMED
    }

    private final int code;
    private final boolean ordered;
    private final Reliability reliability;

    DataChannelType(int code, boolean ordered, Reliability reliability) {
        this.code = code;
        this.ordered = ordered;
        this.reliability = reliability;
    }

    /** The Channel Type byte. */
    public int code() {
        return code;
    }

    /** Whether messages are delivered in order. */
    public boolean ordered() {
        return ordered;
    }

    /** What the Reliability Parameter means. */
    public Reliability reliability() {
        return reliability;
    }

    /** The type with this ordering and reliability. */
    public static DataChannelType of(boolean ordered, Reliability reliability) {
        for (DataChannelType t : values()) {
            if (t.ordered == ordered && t.reliability == reliability) {
                return t;
            }
        }
        throw new AssertionError("every combination has a type");
    }

    /**
     * The type with this code.
     *
     * @throws DcepParseException for a code RFC 8832 does not define
     */
    public static DataChannelType fromCode(int code) {
        for (DataChannelType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new DcepParseException("unknown channel type 0x" + Integer.toHexString(code & 0xFF));
    }
}
