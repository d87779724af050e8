package org.ortc4j.ice.vnet;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.ortc4j.ice.RTCIceProtocol;

/**
 * One live mapping of a {@link VirtualNat}: packets from {@code internal} leave with source
 * {@code external}.
 *
 * @param protocol UDP or TCP
 * @param internal the host's private address and port
 * @param external the NAT's public address and the port it chose
 */
public record NatMapping(RTCIceProtocol protocol, InetSocketAddress internal, InetSocketAddress external) {

    public NatMapping {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(internal, "internal");
        Objects.requireNonNull(external, "external");
    }
}
