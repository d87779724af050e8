package org.ortc4j.sctp.internal.packet;

/**
 * A variable-length parameter of INIT, INIT ACK or RE-CONFIG (RFC 9260 §3.2.1): 16-bit type,
 * 16-bit length, value, padding. Unknown types are kept as {@link UnknownParameter}.
 */
public interface Parameter extends Tlv {
}
