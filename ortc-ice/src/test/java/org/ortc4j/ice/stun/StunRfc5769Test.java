package org.ortc4j.ice.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ortc4j.ice.stun.Rfc5769Vectors.hex;
import static org.ortc4j.ice.stun.Rfc5769Vectors.zeroPadding;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The test vectors of RFC 5769 §2 ("Test Vectors for Session Traversal Utilities for NAT
 * (STUN)"): each sample message decodes to the fields the RFC lists, its MESSAGE-INTEGRITY
 * verifies with the RFC's password or long-term key, its FINGERPRINT verifies, and it re-encodes
 * to the RFC's bytes.
 *
 * <p>Encoding pads with zeros, as RFC 8489 §14 says ("The padding bits MUST be set to zero on
 * sending and MUST be ignored by the receiver"). The §2.1, §2.2 and §2.3 samples pad with 0x20,
 * which the decoder accepts (and the HMAC and CRC cover, so verification runs on the received
 * bytes); their re-encoding is compared with the sample after its padding is set to zero. §2.4
 * pads with zeros and is compared byte for byte, and rebuilt from scratch with its long-term key.
 */
class StunRfc5769Test {

    private static final MessageIntegrityKey SHORT_TERM = MessageIntegrityKey.shortTerm(Rfc5769Vectors.SHORT_TERM_PASSWORD);

    @Test
    void sampleRequestDecodesWithEveryField() {
        // RFC 5769 §2.1: software name "STUN test client", username "evtj:h6vY", password
        // "VOkJxbRl1RmTxUk/WvJxBt".
        StunMessage message = StunMessage.decode(Rfc5769Vectors.REQUEST);

        assertThat(message.type()).isEqualTo(StunMessageType.BINDING_REQUEST);
        assertThat(message.type().value()).isEqualTo(0x0001);
        assertThat(message.transactionId()).isEqualTo(Rfc5769Vectors.TRANSACTION_ID);
        assertThat(message.attributes()).containsExactly(
                new SoftwareAttribute("STUN test client"),
                new PriorityAttribute(0x6e0001ffL),
                new IceControlledAttribute(0x932ff9b151263b36L),
                new UsernameAttribute("evtj:h6vY"),
                new MessageIntegrityAttribute(hex("9aeaa70c bfd8cb56 781ef2b5 b2d3f249 c1b571a2")),
                new FingerprintAttribute(0xe57a3bcf));
        assertThat(message.unknownComprehensionRequiredTypes()).isEmpty();
    }

    @Test
    void sampleRequestVerifiesWithThePasswordAndFingerprint() {
        StunMessage message = StunMessage.decode(Rfc5769Vectors.REQUEST);

        assertThat(message.verifyFingerprint()).isTrue();
        assertThat(message.verifyMessageIntegrity(SHORT_TERM)).isTrue();
        assertThat(message.verifyIntegrity(SHORT_TERM)).isTrue();
        assertThat(message.verifyMessageIntegrity(MessageIntegrityKey.shortTerm("VOkJxbRl1RmTxUk/WvJxBT"))).isFalse();
    }

    @Test
    void sampleRequestReencodesToTheRfcBytesWithZeroPadding() {
        StunMessage message = StunMessage.decode(Rfc5769Vectors.REQUEST);

        assertThat(message.encode()).isEqualTo(zeroPadding(Rfc5769Vectors.REQUEST));
        assertThat(StunMessage.decode(message.encode())).isEqualTo(message);
    }

    @Test
    void sampleRequestRebuiltWithZeroPaddingVerifies() {
        // The RFC's HMAC and CRC cover its 0x20 padding, so with zero padding they differ; every
        // other byte is the same, and the new HMAC and CRC verify.
        StunMessage rebuilt = StunMessage.newBuilder(StunMessageType.BINDING_REQUEST)
                .transactionId(Rfc5769Vectors.TRANSACTION_ID)
                .attribute(new SoftwareAttribute("STUN test client"))
                .attribute(new PriorityAttribute(0x6e0001ffL))
                .attribute(new IceControlledAttribute(0x932ff9b151263b36L))
                .attribute(new UsernameAttribute("evtj:h6vY"))
                .messageIntegrity(SHORT_TERM)
                .fingerprint()
                .build();
        byte[] bytes = rebuilt.encode();

        assertThat(bytes).hasSize(Rfc5769Vectors.REQUEST.length);
        assertThat(Arrays.copyOf(bytes, 80)).isEqualTo(Arrays.copyOf(zeroPadding(Rfc5769Vectors.REQUEST), 80));
        assertThat(Arrays.copyOfRange(bytes, 100, 104)).isEqualTo(hex("80280004"));
        StunMessage decoded = StunMessage.decode(bytes);
        assertThat(decoded).isEqualTo(rebuilt);
        assertThat(decoded.verifyMessageIntegrity(SHORT_TERM)).isTrue();
        assertThat(decoded.verifyFingerprint()).isTrue();
    }

    @Test
    void sampleIpv4ResponseDecodesVerifiesAndReencodes() throws Exception {
        // RFC 5769 §2.2: software name "test vector", mapped address 192.0.2.1 port 32853.
        StunMessage message = StunMessage.decode(Rfc5769Vectors.IPV4_RESPONSE);

        assertThat(message.type()).isEqualTo(StunMessageType.BINDING_SUCCESS_RESPONSE);
        assertThat(message.type().value()).isEqualTo(0x0101);
        assertThat(message.transactionId()).isEqualTo(Rfc5769Vectors.TRANSACTION_ID);
        InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853);
        assertThat(message.attributes()).containsExactly(
                new SoftwareAttribute("test vector"),
                new XorMappedAddressAttribute(mapped),
                new MessageIntegrityAttribute(hex("2b91f599 fd9e90c3 8c7489f9 2af9ba53 f06be7d7")),
                new FingerprintAttribute(0xc07d4c96));
        assertThat(message.attribute(XorMappedAddressAttribute.class).orElseThrow().address()).isEqualTo(mapped);

        assertThat(message.verifyFingerprint()).isTrue();
        assertThat(message.verifyMessageIntegrity(SHORT_TERM)).isTrue();
        assertThat(message.encode()).isEqualTo(zeroPadding(Rfc5769Vectors.IPV4_RESPONSE));
    }

    @Test
    void sampleIpv6ResponseDecodesVerifiesAndReencodes() throws Exception {
        // RFC 5769 §2.3: mapped address 2001:db8:1234:5678:11:2233:4455:6677 port 32853.
        StunMessage message = StunMessage.decode(Rfc5769Vectors.IPV6_RESPONSE);

        assertThat(message.type()).isEqualTo(StunMessageType.BINDING_SUCCESS_RESPONSE);
        assertThat(message.transactionId()).isEqualTo(Rfc5769Vectors.TRANSACTION_ID);
        InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853);
        assertThat(message.attributes()).containsExactly(
                new SoftwareAttribute("test vector"),
                new XorMappedAddressAttribute(mapped),
                new MessageIntegrityAttribute(hex("a382954e 4be67bf1 1784c97c 8292c275 bfe3ed41")),
                new FingerprintAttribute(0xc8fb0b4c));

        assertThat(message.verifyFingerprint()).isTrue();
        assertThat(message.verifyMessageIntegrity(SHORT_TERM)).isTrue();
        assertThat(message.encode()).isEqualTo(zeroPadding(Rfc5769Vectors.IPV6_RESPONSE));
    }

    @Test
    void responsesRebuiltWithZeroPaddingVerify() throws Exception {
        for (byte[] sample : List.of(Rfc5769Vectors.IPV4_RESPONSE, Rfc5769Vectors.IPV6_RESPONSE)) {
            StunMessage message = StunMessage.decode(sample);
            StunMessage rebuilt = StunMessage.newBuilder(message.type())
                    .transactionId(message.transactionId())
                    .attributes(message.attributes().subList(0, 2))
                    .messageIntegrity(SHORT_TERM)
                    .fingerprint()
                    .build();
            byte[] bytes = rebuilt.encode();
            int integrityAt = bytes.length - 32;
            assertThat(Arrays.copyOf(bytes, integrityAt)).isEqualTo(Arrays.copyOf(zeroPadding(sample), integrityAt));
            assertThat(StunMessage.decode(bytes).verifyMessageIntegrity(SHORT_TERM)).isTrue();
            assertThat(StunMessage.decode(bytes).verifyFingerprint()).isTrue();
        }
    }

    @Test
    void longTermRequestDecodesWithEveryField() {
        // RFC 5769 §2.4: username U+30DE U+30C8 U+30EA U+30C3 U+30AF U+30B9, password
        // "TheMatrIX" after SASLprep, nonce "f//499k954d6OL34oL9FSTvy64sA", realm "example.org".
        StunMessage message = StunMessage.decode(Rfc5769Vectors.LONG_TERM_REQUEST);

        assertThat(message.type()).isEqualTo(StunMessageType.BINDING_REQUEST);
        assertThat(message.transactionId()).isEqualTo(Rfc5769Vectors.LONG_TERM_TRANSACTION_ID);
        assertThat(message.attributes()).containsExactly(
                new UsernameAttribute(Rfc5769Vectors.LONG_TERM_USERNAME),
                new NonceAttribute(Rfc5769Vectors.NONCE),
                new RealmAttribute(Rfc5769Vectors.REALM),
                new MessageIntegrityAttribute(hex("f6702465 6dd64a3e 02b8e071 2e85c9a2 8ca89666")));
        assertThat(message.verifyFingerprint()).isFalse();
    }

    @Test
    void longTermRequestVerifiesWithTheMd5Key() {
        // RFC 8489 §18.5.1.1: key = MD5(username ":" OpaqueString(realm) ":"
        // OpaqueString(password))
        MessageIntegrityKey key = MessageIntegrityKey.longTerm(
                Rfc5769Vectors.LONG_TERM_USERNAME, Rfc5769Vectors.REALM, Rfc5769Vectors.LONG_TERM_PASSWORD);
        StunMessage message = StunMessage.decode(Rfc5769Vectors.LONG_TERM_REQUEST);

        assertThat(key.bytes()).hasSize(16);
        assertThat(message.verifyMessageIntegrity(key)).isTrue();
        assertThat(message.verifyMessageIntegrity(MessageIntegrityKey.shortTerm(Rfc5769Vectors.LONG_TERM_PASSWORD))).isFalse();
        assertThat(message.verifyMessageIntegrity(MessageIntegrityKey.longTerm(
                Rfc5769Vectors.LONG_TERM_USERNAME, Rfc5769Vectors.REALM, "TheMatrix"))).isFalse();
    }

    @Test
    void longTermRequestReencodesAndRebuildsByteForByte() {
        StunMessage message = StunMessage.decode(Rfc5769Vectors.LONG_TERM_REQUEST);
        assertThat(message.encode()).isEqualTo(Rfc5769Vectors.LONG_TERM_REQUEST);

        StunMessage rebuilt = StunMessage.newBuilder(StunMessageType.BINDING_REQUEST)
                .transactionId(Rfc5769Vectors.LONG_TERM_TRANSACTION_ID)
                .attribute(new UsernameAttribute(Rfc5769Vectors.LONG_TERM_USERNAME))
                .attribute(new NonceAttribute(Rfc5769Vectors.NONCE))
                .attribute(new RealmAttribute(Rfc5769Vectors.REALM))
                .messageIntegrity(MessageIntegrityKey.longTerm(
                        Rfc5769Vectors.LONG_TERM_USERNAME, Rfc5769Vectors.REALM, Rfc5769Vectors.LONG_TERM_PASSWORD))
                .build();
        assertThat(rebuilt.encode()).isEqualTo(Rfc5769Vectors.LONG_TERM_REQUEST);
        assertThat(rebuilt).isEqualTo(message);
    }

    @Test
    void rfc8489SampleWithUserhashDecodes() {
        // RFC 8489 Appendix B.1: USERHASH, NONCE, REALM, MESSAGE-INTEGRITY-SHA256.
        StunMessage message = StunMessage.decode(Rfc5769Vectors.SHA256_REQUEST);

        assertThat(message.type()).isEqualTo(StunMessageType.BINDING_REQUEST);
        assertThat(message.attributes()).extracting(StunAttribute::type).containsExactly(
                StunAttributeType.USERHASH, StunAttributeType.NONCE, StunAttributeType.REALM,
                StunAttributeType.MESSAGE_INTEGRITY_SHA256);
        assertThat(message.attribute(NonceAttribute.class).orElseThrow().nonce()).isEqualTo(Rfc5769Vectors.SHA256_NONCE);
        assertThat(message.attribute(RealmAttribute.class).orElseThrow().realm()).isEqualTo(Rfc5769Vectors.REALM);
        // RFC 8489 §14.4: userhash = SHA-256(OpaqueString(username) ":" OpaqueString(realm))
        assertThat(message.attribute(UserhashAttribute.class).orElseThrow())
                .isEqualTo(UserhashAttribute.of(Rfc5769Vectors.LONG_TERM_USERNAME, Rfc5769Vectors.REALM));
        assertThat(message.encode()).isEqualTo(Rfc5769Vectors.SHA256_REQUEST);
    }

    @Test
    void rfc8489SampleVerifiesItsSha256IntegrityWithTheMd5Key() {
        // RFC 8489 Appendix B.1 has no PASSWORD-ALGORITHM, so the key is the default MD5 one of
        // §18.5.1.1, with the same username, realm and password as RFC 5769 §2.4.
        MessageIntegrityKey key = MessageIntegrityKey.longTerm(
                Rfc5769Vectors.LONG_TERM_USERNAME, Rfc5769Vectors.REALM, Rfc5769Vectors.LONG_TERM_PASSWORD);
        StunMessage message = StunMessage.decode(Rfc5769Vectors.SHA256_REQUEST);

        assertThat(message.verifyMessageIntegritySha256(key)).isTrue();
        assertThat(message.verifyIntegrity(key)).isTrue();
        assertThat(message.verifyMessageIntegrity(key)).isFalse();
        assertThat(message.verifyMessageIntegritySha256(MessageIntegrityKey.longTerm(PasswordAlgorithm.SHA_256,
                Rfc5769Vectors.LONG_TERM_USERNAME, Rfc5769Vectors.REALM, Rfc5769Vectors.LONG_TERM_PASSWORD))).isFalse();
    }
}
