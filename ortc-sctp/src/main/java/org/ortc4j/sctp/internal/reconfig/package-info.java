/**
 * SCTP stream re-configuration (RFC 6525) as WebRTC data channels use it: the Outgoing SSN Reset
 * Request that closes a channel (RFC 8831 §6.7), both as sender and as receiver. Pure state
 * machines, confined to the association's loop, time from the injected scheduler.
 */
package org.ortc4j.sctp.internal.reconfig;
