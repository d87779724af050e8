/**
 * A virtual network for tests, after Pion's {@code transport/vnet}: {@link
 * org.ortc4j.ice.vnet.VirtualNetwork} holds hosts ({@link org.ortc4j.ice.vnet.VirtualHost}, each
 * a {@link org.ortc4j.ice.net.NetworkStack}), NATs with RFC 4787 mapping and filtering
 * ({@link org.ortc4j.ice.vnet.VirtualNat}, {@link org.ortc4j.ice.vnet.NatBehavior}) and links
 * with loss, delay, jitter, reordering, duplication and bandwidth limits
 * ({@link org.ortc4j.ice.vnet.LinkConditions}), and a STUN server
 * ({@link org.ortc4j.ice.vnet.StunServer}) and TURN server ({@link org.ortc4j.ice.vnet.TurnServer})
 * written against {@code NetworkStack}, so they run on real sockets too. It runs deterministically on one
 * {@link org.ortc4j.ice.net.VirtualScheduler} with a seeded random source.
 */
package org.ortc4j.ice.vnet;
