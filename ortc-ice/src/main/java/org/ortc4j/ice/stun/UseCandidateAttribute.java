package org.ortc4j.ice.stun;

/**
 * The controlling agent's nomination of the candidate pair this check is on (RFC 8445 §7.1.2,
 * §16.1).
 *
 * <p>RFC 8445 §16.1: "The USE-CANDIDATE attribute indicates that the candidate pair resulting
 * from this check will be used for transmission of data. The attribute has no content (the Length
 * field of the attribute is zero); it serves as a flag."
 */
public record UseCandidateAttribute() implements StunAttribute {

    @Override
    public StunAttributeType type() {
        return StunAttributeType.USE_CANDIDATE;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return new byte[0];
    }

    static UseCandidateAttribute decode(AttributeValue value) {
        value.requireLength(0);
        return new UseCandidateAttribute();
    }
}
