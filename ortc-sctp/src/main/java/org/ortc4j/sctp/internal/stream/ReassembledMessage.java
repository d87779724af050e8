package org.ortc4j.sctp.internal.stream;

/**
 * A complete user message, ready for the data channel on its stream.
 *
 * @param streamId the stream it arrived on
 * @param sequence DATA: its stream sequence number (0 for unordered messages, whose SSN is
 *     ignored); I-DATA: its Message Identifier (kept for unordered messages too)
 * @param ppid its payload protocol identifier (that of the first fragment)
 * @param unordered whether it was sent unordered
 * @param payload the message bytes, owned by the receiver of this record
 */
public record ReassembledMessage(int streamId, long sequence, int ppid, boolean unordered, byte[] payload) {}
