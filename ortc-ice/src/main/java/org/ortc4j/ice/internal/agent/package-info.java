/**
 * The ICE agent (RFC 8445, full agent, one component, UDP) under {@code RTCIceTransport}:
 * check lists formed and pruned as candidates trickle in (RFC 8838), paced connectivity checks
 * with a triggered-check queue, answers to the peer's checks with role-conflict resolution and
 * peer-reflexive candidates, regular nomination (or the peer's aggressive nomination), consent
 * freshness on the selected pair (RFC 7675), ICE restart, and the W3C
 * {@code RTCIceTransportState}. Everything runs on one loop, in time from an injected
 * {@link org.ortc4j.ice.net.Scheduler}; bad datagrams are dropped and counted in
 * {@link org.ortc4j.ice.internal.agent.IceAgentStats}.
 *
 * <p>Not implemented: several components or data streams, TCP candidates (RFC 6544), ICE-lite
 * as the local role, freeing candidates (§8.2, optional), renomination.
 */
package org.ortc4j.ice.internal.agent;
