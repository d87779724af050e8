/**
 * The SCTP association (RFC 9260 over DTLS, RFC 8261): handshake with a signed state cookie,
 * the state machine, data transfer with its timers, shutdown and ABORT, built on the pure cores
 * of {@code internal.packet}, {@code internal.stream} and {@code internal.control}. Confined to
 * one loop.
 */
package org.ortc4j.sctp.internal.association;
