package org.ortc4j.sctp.internal.stream;

/**
 * One piece of a user message, ready to go into a DATA chunk (RFC 9260 §3.3.1) or an I-DATA
 * chunk (RFC 8260 §2.1). The chunk codec turns it into bytes; the TSN is assigned when it is
 * first sent.
 *
 * @param streamId the stream identifier S
 * @param sequence the stream sequence number (DATA: 16-bit SSN, 0 for unordered) or the message
 *     identifier (I-DATA: 32-bit MID)
 * @param fragmentSequence I-DATA's Fragment Sequence Number (0 for the first fragment); 0 for DATA
 * @param ppid the payload protocol identifier of the message
 * @param unordered the U bit
 * @param beginning the B bit: the first fragment of the message
 * @param ending the E bit: the last fragment of the message
 * @param payload the user data of this fragment (at least one byte; owned by the fragment)
 */
public record OutboundFragment(
        int streamId,
        long sequence,
        long fragmentSequence,
        int ppid,
        boolean unordered,
        boolean beginning,
        boolean ending,
        byte[] payload) {}
