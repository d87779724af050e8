package org.ortc4j.ice.vnet;

/**
 * On what a NAT's mapping or filtering depends, in the terms of RFC 4787 §4.1 and §5: whether a
 * mapping is reused, and whether an inbound packet is let through, for any remote endpoint, only
 * for the same remote address, or only for the same remote address and port.
 */
public enum EndpointDependence {
    /**
     * RFC 4787 §4.1: "The NAT reuses the port mapping for subsequent packets sent from the same
     * internal IP address and port (X:x) to any external IP address and port." For filtering
     * (§5): "only filters out packets not destined to the internal address and port X:x".
     */
    ENDPOINT_INDEPENDENT,
    /**
     * RFC 4787 §4.1: the mapping is reused "for subsequent packets sent from the same internal IP
     * address and port (X:x) to the same external IP address (Y), regardless of the external
     * port". For filtering: packets from Y:y pass only if X:x "has previously sent packets to Y".
     */
    ADDRESS_DEPENDENT,
    /**
     * RFC 4787 §4.1: the mapping is reused only "to the same external IP address and port (Y:y)
     * while the mapping is still active". For filtering: packets from Y:y pass only if X:x "has
     * previously sent packets to Y:y".
     */
    ADDRESS_AND_PORT_DEPENDENT
}
