/**
 * The data-channel layer between the association and the W3C objects: the DCEP open/ack exchange
 * (RFC 8832), stream ids by DTLS role, PPID framing (RFC 8831 §6.6), closing by stream reset
 * (RFC 8831 §6.7), and the per-channel state behind {@code bufferedAmount} and the events.
 */
package org.ortc4j.sctp.internal.channel;
