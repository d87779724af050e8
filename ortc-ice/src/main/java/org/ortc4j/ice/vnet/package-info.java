/**
 * A virtual network for tests, after Pion's {@code transport/vnet}: {@link
 * org.ortc4j.ice.vnet.VirtualNetwork} holds hosts ({@link org.ortc4j.ice.vnet.VirtualHost}, each
 * a {@link org.ortc4j.ice.net.NetworkStack}), NATs with RFC 4787 mapping and filtering
 * ({@link org.ortc4j.ice.vnet.VirtualNat}, {@link org.ortc4j.ice.vnet.NatBehavior}) and links
 * with loss, delay, jitter, reordering, duplication and bandwidth limits
 * ({@link org.ortc4j.ice.vnet.LinkConditions}). It runs deterministically on one
 * {@link org.ortc4j.ice.net.VirtualScheduler} with a seeded random source.
 */
package org.ortc4j.ice.vnet;
