package org.ortc4j.ice.vnet;

import java.net.InetSocketAddress;

/**
 * A UDP datagram in flight on the virtual network. The payload is a plain array, so nothing in
 * flight holds a reference-counted buffer: the receiver gets a new {@code ByteBuf} when the
 * datagram is delivered, and a lost datagram leaks nothing.
 */
record Datagram(InetSocketAddress source, InetSocketAddress destination, byte[] payload) {

    /** The same payload between other addresses (what a NAT rewrites). */
    Datagram readdressed(InetSocketAddress newSource, InetSocketAddress newDestination) {
        return new Datagram(newSource, newDestination, payload);
    }
}
