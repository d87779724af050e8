package org.ortc4j.ice.vnet;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link VirtualNat} maps and filters, in RFC 4787 terms, with the classic cone/symmetric
 * names as presets.
 *
 * @param mapping when an outbound packet reuses an existing mapping (RFC 4787 §4.1)
 * @param filtering which inbound packets a mapping lets through (RFC 4787 §5)
 * @param mappingLifetime how long a mapping lives after its last outbound packet (RFC 4787 §4.3;
 *     only outbound packets refresh it, "NAT Outbound refresh behavior")
 * @param portPreservation whether a new mapping tries to keep the internal port (RFC 4787 §4.2.1)
 * @param hairpinning whether a host behind the NAT can reach another through the NAT's public
 *     address (RFC 4787 §6)
 */
public record NatBehavior(
        EndpointDependence mapping,
        EndpointDependence filtering,
        Duration mappingLifetime,
        boolean portPreservation,
        boolean hairpinning) {

    /**
     * The lifetime of a mapping unless set: 30 s, what many home routers use and what ICE's
     * keepalives are sized for, although RFC 4787 §4.3 REQ-5 asks for at least two minutes.
     */
    public static final Duration DEFAULT_MAPPING_LIFETIME = Duration.ofSeconds(30);

    /** Endpoint-independent mapping and filtering ("full cone"). */
    public static final NatBehavior FULL_CONE =
            of(EndpointDependence.ENDPOINT_INDEPENDENT, EndpointDependence.ENDPOINT_INDEPENDENT);

    /** Endpoint-independent mapping, address-dependent filtering ("restricted cone"). */
    public static final NatBehavior RESTRICTED_CONE =
            of(EndpointDependence.ENDPOINT_INDEPENDENT, EndpointDependence.ADDRESS_DEPENDENT);

    /** Endpoint-independent mapping, address-and-port-dependent filtering ("port-restricted cone"). */
    public static final NatBehavior PORT_RESTRICTED_CONE =
            of(EndpointDependence.ENDPOINT_INDEPENDENT, EndpointDependence.ADDRESS_AND_PORT_DEPENDENT);

    /** Address-and-port-dependent mapping and filtering ("symmetric"). */
    public static final NatBehavior SYMMETRIC =
            of(EndpointDependence.ADDRESS_AND_PORT_DEPENDENT, EndpointDependence.ADDRESS_AND_PORT_DEPENDENT);

    public NatBehavior {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(filtering, "filtering");
        Objects.requireNonNull(mappingLifetime, "mappingLifetime");
        if (mappingLifetime.isNegative() || mappingLifetime.isZero()) {
            throw new IllegalArgumentException("mappingLifetime must be positive, got " + mappingLifetime);
        }
    }

    /**
     * The given mapping and filtering with the defaults: 30 s lifetime, no port preservation, no
     * hairpinning.
     */
    public static NatBehavior of(EndpointDependence mapping, EndpointDependence filtering) {
        return new NatBehavior(mapping, filtering, DEFAULT_MAPPING_LIFETIME, false, false);
    }

    public NatBehavior withMappingLifetime(Duration lifetime) {
        return new NatBehavior(mapping, filtering, lifetime, portPreservation, hairpinning);
    }

    public NatBehavior withPortPreservation(boolean preserve) {
        return new NatBehavior(mapping, filtering, mappingLifetime, preserve, hairpinning);
    }

    public NatBehavior withHairpinning(boolean hairpin) {
        return new NatBehavior(mapping, filtering, mappingLifetime, portPreservation, hairpin);
    }
}
