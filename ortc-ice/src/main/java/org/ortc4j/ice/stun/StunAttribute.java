package org.ortc4j.ice.stun;

/**
 * One attribute of a STUN message: a type and a value (RFC 8489 §14).
 *
 * <p>RFC 8489 §14: "Each attribute MUST be TLV encoded, with a 16-bit type, 16-bit length, and
 * value. Each STUN attribute MUST end on a 32-bit boundary." Each attribute type this module
 * knows has its own class, named after the RFC (for example {@link XorMappedAddressAttribute});
 * every other type decodes as an {@link UnknownStunAttribute}, which keeps its bytes so that it
 * survives a decode → encode round trip.
 *
 * <p>Attributes are immutable values; two are equal when they have the same type and the same
 * value (as the decoder reads it: reserved bits and padding are not part of the value).
 */
public sealed interface StunAttribute permits MappedAddressAttribute, XorMappedAddressAttribute, UsernameAttribute,
        UserhashAttribute, MessageIntegrityAttribute, MessageIntegritySha256Attribute, FingerprintAttribute,
        ErrorCodeAttribute, RealmAttribute, NonceAttribute, PasswordAlgorithmsAttribute, PasswordAlgorithmAttribute,
        UnknownAttributesAttribute, SoftwareAttribute, AlternateServerAttribute, AlternateDomainAttribute,
        PriorityAttribute, UseCandidateAttribute, IceControlledAttribute, IceControllingAttribute,
        ChannelNumberAttribute, LifetimeAttribute, XorPeerAddressAttribute, DataAttribute, XorRelayedAddressAttribute,
        RequestedAddressFamilyAttribute, EvenPortAttribute, RequestedTransportAttribute, DontFragmentAttribute,
        ReservationTokenAttribute, AdditionalAddressFamilyAttribute, AddressErrorCodeAttribute, IcmpAttribute,
        UnknownStunAttribute {

    /** The attribute type. */
    StunAttributeType type();

    /**
     * The value as it goes on the wire, without the type, length and padding.
     *
     * @param transactionId the 12-byte transaction id of the message the attribute is written
     *     into; the XOR address attributes mask the address with it, the others ignore it
     */
    byte[] encodeValue(byte[] transactionId);
}
