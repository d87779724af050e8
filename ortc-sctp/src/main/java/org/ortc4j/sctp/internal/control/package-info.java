/**
 * The timing and congestion-control cores of an SCTP association, with no I/O: RTO estimation
 * (RFC 9260 §6.3.1), congestion control and the peer's window (§7.2, §6.1), the receiver's SACK
 * state (§6.2, §6.7) and the sender's retransmission queue with PR-SCTP (§6.3, §7.2.4, RFC 3758
 * §3.5). Time comes from an injected {@link org.ortc4j.ice.net.Scheduler}; state is confined to
 * the association's loop. Not exported.
 */
package org.ortc4j.sctp.internal.control;
