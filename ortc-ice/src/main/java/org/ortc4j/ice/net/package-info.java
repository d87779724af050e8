/**
 * The socket layer under ICE: {@link org.ortc4j.ice.net.NetworkStack} (a loop, the host's
 * addresses, UDP and TCP/TLS sockets), its real implementation over Netty, and the
 * {@link org.ortc4j.ice.net.Scheduler} that protocol cores take time from
 * ({@link org.ortc4j.ice.net.VirtualScheduler} drives virtual time in tests).
 */
package org.ortc4j.ice.net;
