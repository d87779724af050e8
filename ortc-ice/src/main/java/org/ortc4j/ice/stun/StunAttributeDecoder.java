package org.ortc4j.ice.stun;

/** Picks the attribute class for a type code and lets it decode the value. */
final class StunAttributeDecoder {

    private StunAttributeDecoder() {
    }

    static StunAttribute decode(StunAttributeType type, AttributeValue value) {
        switch (type.code()) {
            case 0x0001: return MappedAddressAttribute.decode(value);
            case 0x0006: return UsernameAttribute.decode(value);
            case 0x0008: return MessageIntegrityAttribute.decode(value);
            case 0x0009: return ErrorCodeAttribute.decode(value);
            case 0x000A: return UnknownAttributesAttribute.decode(value);
            case 0x000C: return ChannelNumberAttribute.decode(value);
            case 0x000D: return LifetimeAttribute.decode(value);
            case 0x0012: return XorPeerAddressAttribute.decode(value);
            case 0x0013: return DataAttribute.decode(value);
            case 0x0014: return RealmAttribute.decode(value);
            case 0x0015: return NonceAttribute.decode(value);
            case 0x0016: return XorRelayedAddressAttribute.decode(value);
            case 0x0017: return RequestedAddressFamilyAttribute.decode(value);
            case 0x0018: return EvenPortAttribute.decode(value);
            case 0x0019: return RequestedTransportAttribute.decode(value);
            case 0x001A: return DontFragmentAttribute.decode(value);
            case 0x001C: return MessageIntegritySha256Attribute.decode(value);
            case 0x001D: return PasswordAlgorithmAttribute.decode(value);
            case 0x001E: return UserhashAttribute.decode(value);
            case 0x0020: return XorMappedAddressAttribute.decode(value);
            case 0x0022: return ReservationTokenAttribute.decode(value);
            case 0x0024: return PriorityAttribute.decode(value);
            case 0x0025: return UseCandidateAttribute.decode(value);
            case 0x8000: return AdditionalAddressFamilyAttribute.decode(value);
            case 0x8001: return AddressErrorCodeAttribute.decode(value);
            case 0x8002: return PasswordAlgorithmsAttribute.decode(value);
            case 0x8003: return AlternateDomainAttribute.decode(value);
            case 0x8004: return IcmpAttribute.decode(value);
            case 0x8022: return SoftwareAttribute.decode(value);
            case 0x8023: return AlternateServerAttribute.decode(value);
            case 0x8028: return FingerprintAttribute.decode(value);
            case 0x8029: return IceControlledAttribute.decode(value);
            case 0x802A: return IceControllingAttribute.decode(value);
            default: return UnknownStunAttribute.decode(type, value);
        }
    }
}
