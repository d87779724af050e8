package org.ortc4j.examples;

/**
 * What an offer and its answer settle for a data channel m-section (RFC 8841).
 *
 * @param offerPort the offer's SCTP port ({@code a=sctp-port} or legacy {@code a=sctpmap}), or
 *     {@code null} if it states none
 * @param answerPort the answer's SCTP port, or {@code null}
 * @param offerMaxMessageSize the offer's {@code a=max-message-size}, or {@code null} if absent
 * @param answerMaxMessageSize the answer's {@code a=max-message-size}, or {@code null} if absent
 * @param maxMessageSize the largest message either side may send, in bytes; 0 means no limit
 */
public record NegotiatedSctp(Integer offerPort, Integer answerPort, Long offerMaxMessageSize,
        Long answerMaxMessageSize, long maxMessageSize) {

    /**
     * The limit an endpoint assumes when the peer writes no {@code a=max-message-size}. RFC 8841
     * §6.1: "If the SDP 'max-message-size' attribute is not present, the default value is 64K."
     */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 65536;

    /** Settles the data channel section from what each side wrote. */
    public static NegotiatedSctp of(Integer offerPort, Integer answerPort, Long offerMaxMessageSize,
            Long answerMaxMessageSize) {
        long offerLimit = offerMaxMessageSize == null ? DEFAULT_MAX_MESSAGE_SIZE : offerMaxMessageSize;
        long answerLimit = answerMaxMessageSize == null ? DEFAULT_MAX_MESSAGE_SIZE : answerMaxMessageSize;
        return new NegotiatedSctp(offerPort, answerPort, offerMaxMessageSize, answerMaxMessageSize,
                smallerLimit(offerLimit, answerLimit));
    }

    // Each side may send what the other can receive (RFC 8841 §6.1); a size both can use in both
    // directions is the smaller of the two, where 0 means "messages of any size" and so loses to
    // any real limit.
    private static long smallerLimit(long a, long b) {
        if (a == 0) {
            return b;
        }
        if (b == 0) {
            return a;
        }
        return Math.min(a, b);
    }

    /** Whether messages of any size may be sent: both sides wrote {@code a=max-message-size:0}. */
    public boolean unlimited() {
        return maxMessageSize == 0;
    }
}
