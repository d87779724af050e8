package org.ortc4j.ice.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ortc4j.ice.stun.Rfc5769Vectors.hex;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each attribute class: its wire format, its checks, and a round trip through a message. */
class StunAttributesTest {

    private static final byte[] TRANSACTION_ID = hex("0102030405060708090a0b0c");

    /** One of every attribute class, with values that exercise the format. */
    static List<StunAttribute> oneOfEach() throws Exception {
        InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853);
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 3478);
        return List.of(
                new MappedAddressAttribute(v4),
                new XorMappedAddressAttribute(v6),
                new UsernameAttribute("ufrag:remote"),
                new UserhashAttribute(new byte[32]),
                new ErrorCodeAttribute(420, "Unknown Attribute"),
                new UnknownAttributesAttribute(List.of(StunAttributeType.valueOf(0x7000), StunAttributeType.valueOf(0x0031),
                        StunAttributeType.valueOf(0x0032))),
                new RealmAttribute("example.org"),
                new NonceAttribute("obMatJos2AAACf//499k954d6OL34oL9FSTvy64sA"),
                new PasswordAlgorithmsAttribute(List.of(PasswordAlgorithm.SHA_256, PasswordAlgorithm.MD5,
                        PasswordAlgorithm.of(0x8001, new byte[] {1, 2, 3}))),
                new PasswordAlgorithmAttribute(PasswordAlgorithm.SHA_256),
                new SoftwareAttribute("ortc4j \u2603"),
                new AlternateServerAttribute(v6),
                new AlternateDomainAttribute("turn.example.org"),
                new PriorityAttribute(0xFFFF_FFFFL),
                new UseCandidateAttribute(),
                new IceControlledAttribute(-1L),
                new IceControllingAttribute(0x0123456789abcdefL),
                new ChannelNumberAttribute(0x4000),
                new LifetimeAttribute(600),
                new XorPeerAddressAttribute(v4),
                new DataAttribute(new byte[] {9, 8, 7, 6, 5}),
                new XorRelayedAddressAttribute(v6),
                new RequestedAddressFamilyAttribute(StunAddressFamily.IPV6),
                new EvenPortAttribute(true),
                new RequestedTransportAttribute(RequestedTransportAttribute.UDP),
                new DontFragmentAttribute(),
                new ReservationTokenAttribute(hex("0011223344556677")),
                new AdditionalAddressFamilyAttribute(StunAddressFamily.IPV6),
                new AddressErrorCodeAttribute(StunAddressFamily.IPV6, 440, "Address Family not Supported"),
                new IcmpAttribute(3, 4, 1400),
                new UnknownStunAttribute(StunAttributeType.valueOf(0x0031), new byte[] {1}),
                new UnknownStunAttribute(StunAttributeType.valueOf(0xC057), hex("00010002")),
                new MessageIntegrityAttribute(new byte[20]),
                new MessageIntegritySha256Attribute(new byte[16]),
                new FingerprintAttribute(0x12345678));
    }

    @Test
    void everyAttributeClassRoundTripsThroughAMessage() throws Exception {
        List<StunAttribute> attributes = oneOfEach();
        StunMessage message = StunMessage.of(StunMessageType.BINDING_REQUEST, TRANSACTION_ID, attributes);

        StunMessage decoded = StunMessage.decode(message.encode());

        assertThat(decoded).isEqualTo(message);
        assertThat(decoded.attributes()).containsExactlyElementsOf(attributes);
        assertThat(decoded.encode()).isEqualTo(message.encode());
        // Every class in the sealed interface appears once.
        assertThat(attributes.stream().map(Object::getClass).distinct())
                .hasSize(StunAttribute.class.getPermittedSubclasses().length);
    }

    @Test
    void everyKnownTypeDecodesToItsOwnClass() throws Exception {
        for (StunAttribute attribute : oneOfEach()) {
            if (attribute.type().isKnown()) {
                assertThat(attribute).isNotInstanceOf(UnknownStunAttribute.class);
            }
        }
        assertThatThrownBy(() -> new UnknownStunAttribute(StunAttributeType.USERNAME, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownAttributesOfBothRangesSurviveARoundTrip() {
        // RFC 8489 §14: comprehension-required 0x0000-0x7FFF, comprehension-optional 0x8000-0xFFFF.
        byte[] bytes = hex("0001 0018 2112a442 0102030405060708090a0b0c"
                + "7fff 0003 aabbcc 00" // unknown comprehension-required, 3 bytes and padding
                + "ffff 0008 0102030405060708" // unknown comprehension-optional
                + "0031 0000"); // unknown comprehension-required, empty

        StunMessage message = StunMessage.decode(bytes);

        assertThat(message.attributes()).containsExactly(
                new UnknownStunAttribute(StunAttributeType.valueOf(0x7FFF), hex("aabbcc")),
                new UnknownStunAttribute(StunAttributeType.valueOf(0xFFFF), hex("0102030405060708")),
                new UnknownStunAttribute(StunAttributeType.valueOf(0x0031), new byte[0]));
        assertThat(message.encode()).isEqualTo(bytes);
    }

    @Test
    void unknownComprehensionRequiredTypesAreListedOnceForA420() {
        StunMessage message = StunMessage.of(StunMessageType.BINDING_REQUEST, TRANSACTION_ID, List.of(
                new UnknownStunAttribute(StunAttributeType.valueOf(0x0031), new byte[0]),
                new UnknownStunAttribute(StunAttributeType.valueOf(0x8031), new byte[0]),
                new UsernameAttribute("a:b"),
                new UnknownStunAttribute(StunAttributeType.valueOf(0x7000), new byte[0]),
                new UnknownStunAttribute(StunAttributeType.valueOf(0x0031), new byte[] {1})));

        assertThat(message.unknownComprehensionRequiredTypes())
                .containsExactly(StunAttributeType.valueOf(0x0031), StunAttributeType.valueOf(0x7000));
        StunAttribute forResponse = new UnknownAttributesAttribute(message.unknownComprehensionRequiredTypes());
        assertThat(forResponse.encodeValue(TRANSACTION_ID)).isEqualTo(hex("00317000"));
    }

    @Test
    void xorMappedAddressMasksPortAndIpv4AddressWithTheCookie() throws Exception {
        // RFC 8489 §14.2: X-Port is the port XOR 0x2112; the IPv4 X-Address is the address XOR
        // 0x2112A442.
        StunAttribute attribute = new XorMappedAddressAttribute(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853));
        assertThat(attribute.encodeValue(TRANSACTION_ID)).isEqualTo(hex("0001a147e112a643"));
    }

    @Test
    void xorMappedAddressMasksIpv6WithCookieAndTransactionId() throws Exception {
        StunAttribute attribute = new XorMappedAddressAttribute(new InetSocketAddress(InetAddress.getByName("::"), 0));
        assertThat(attribute.encodeValue(TRANSACTION_ID)).isEqualTo(hex("0002 2112 2112a442 0102030405060708090a0b0c"));
    }

    @Test
    void ipv4MappedIpv6AddressKeepsItsFamily() throws Exception {
        byte[] mapped = hex("00000000000000000000ffffc0000201");
        InetSocketAddress address = new InetSocketAddress(java.net.Inet6Address.getByAddress(null, mapped, -1), 1);
        StunMessage message = StunMessage.of(StunMessageType.BINDING_SUCCESS_RESPONSE, TRANSACTION_ID,
                List.of(new MappedAddressAttribute(address), new XorMappedAddressAttribute(address)));

        StunMessage decoded = StunMessage.decode(message.encode());

        assertThat(decoded).isEqualTo(message);
        assertThat(decoded.attribute(MappedAddressAttribute.class).orElseThrow().encodeValue(TRANSACTION_ID)[1]).isEqualTo((byte) 2);
    }

    @Test
    void mappedAddressIgnoresItsFirstByte() {
        // RFC 8489 §14.1: "The first 8 bits of the MAPPED-ADDRESS MUST be set to 0 and MUST be
        // ignored by receivers."
        StunMessage message = StunMessage.decode(hex("0101 000c 2112a442 0102030405060708090a0b0c 0001 0008 ff01 1234 c0000201"));
        assertThat(message.attribute(MappedAddressAttribute.class).orElseThrow().address().getPort()).isEqualTo(0x1234);
        assertThat(message.encode()[24]).isZero();
    }

    @Test
    void addressAttributesRefuseUnresolvedAddresses() {
        assertThatThrownBy(() -> new XorMappedAddressAttribute(InetSocketAddress.createUnresolved("example.org", 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MappedAddressAttribute(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void errorCodeSplitsClassAndNumber() {
        // RFC 8489 §14.8: "the class of the error code (the hundreds digit) is encoded separately
        // from the rest of the code".
        ErrorCodeAttribute error = new ErrorCodeAttribute(438, "Stale Nonce");
        assertThat(error.errorClass()).isEqualTo(4);
        assertThat(error.number()).isEqualTo(38);
        assertThat(error.encodeValue(TRANSACTION_ID)).isEqualTo(hex("00000426 5374616c65204e6f6e6365"));
        assertThatThrownBy(() -> new ErrorCodeAttribute(299, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ErrorCodeAttribute(700, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorCodeIgnoresReservedBits() {
        StunMessage message = StunMessage.decode(hex("0111 0008 2112a442 0102030405060708090a0b0c 0009 0004 fffffb01"));
        assertThat(message.attribute(ErrorCodeAttribute.class).orElseThrow().code()).isEqualTo(301);
    }

    @Test
    void passwordAlgorithmsPadParametersInside() {
        // RFC 8489 §14.11: "The parameters are padded to a 32-bit boundary, in the same manner as
        // an attribute."
        StunAttribute attribute = new PasswordAlgorithmsAttribute(List.of(PasswordAlgorithm.of(0x8001, new byte[] {1, 2, 3}),
                PasswordAlgorithm.MD5));
        assertThat(attribute.encodeValue(TRANSACTION_ID)).isEqualTo(hex("80010003 01020300 00010000"));
        assertThat(PasswordAlgorithm.of(2, new byte[0])).isSameAs(PasswordAlgorithm.SHA_256);
    }

    @Test
    void fixedLayoutsMatchTheirRfcFigures() {
        assertThat(new ChannelNumberAttribute(0x4001).encodeValue(TRANSACTION_ID)).isEqualTo(hex("40010000"));
        assertThat(new RequestedTransportAttribute(17).encodeValue(TRANSACTION_ID)).isEqualTo(hex("11000000"));
        assertThat(new RequestedAddressFamilyAttribute(StunAddressFamily.IPV4).encodeValue(TRANSACTION_ID)).isEqualTo(hex("01000000"));
        assertThat(new EvenPortAttribute(true).encodeValue(TRANSACTION_ID)).isEqualTo(hex("80"));
        assertThat(new EvenPortAttribute(false).encodeValue(TRANSACTION_ID)).isEqualTo(hex("00"));
        assertThat(new IceControllingAttribute(0x8000000000000001L).encodeValue(TRANSACTION_ID)).isEqualTo(hex("8000000000000001"));
        assertThat(new IcmpAttribute(3, 4, 1400).encodeValue(TRANSACTION_ID)).isEqualTo(hex("00000304 00000578"));
        assertThat(new AddressErrorCodeAttribute(StunAddressFamily.IPV4, 508, "").encodeValue(TRANSACTION_ID)).isEqualTo(hex("01000508"));
        assertThat(new UseCandidateAttribute().encodeValue(TRANSACTION_ID)).isEmpty();
    }

    @Test
    void evenPortIgnoresTheReservedBits() {
        StunMessage message = StunMessage.decode(hex("0003 0008 2112a442 0102030405060708090a0b0c 0018 0001 7f000000"));
        assertThat(message.attribute(EvenPortAttribute.class).orElseThrow().reserveNextPort()).isFalse();
    }

    @Test
    void unknownAddressFamilyInRequestedAddressFamilyIsKept() {
        // Kept so that a TURN server can answer 440 (Address Family not Supported).
        StunMessage message = StunMessage.decode(hex("0003 0008 2112a442 0102030405060708090a0b0c 0017 0004 03000000"));
        assertThat(message.attribute(RequestedAddressFamilyAttribute.class).orElseThrow().family().code()).isEqualTo(3);
    }

    @Test
    void textAttributesTakeUpTo763BytesOfUtf8() {
        // RFC 8489 §14.3: "A compliant implementation MUST be able to parse a UTF-8-encoded
        // sequence of 763 or fewer octets to be compatible with [RFC5389]."
        String longest = "x".repeat(763);
        StunMessage message = StunMessage.of(StunMessageType.BINDING_REQUEST, TRANSACTION_ID, List.of(new UsernameAttribute(longest)));
        assertThat(StunMessage.decode(message.encode()).attribute(UsernameAttribute.class).orElseThrow().username()).isEqualTo(longest);
        assertThatThrownBy(() -> new UsernameAttribute("x".repeat(764))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SoftwareAttribute("\ud800")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RealmAttribute(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void fixedLengthValuesAreChecked() {
        assertThatThrownBy(() -> new MessageIntegrityAttribute(new byte[19])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageIntegritySha256Attribute(new byte[18])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageIntegritySha256Attribute(new byte[36])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UserhashAttribute(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReservationTokenAttribute(new byte[7])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PriorityAttribute(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LifetimeAttribute(1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChannelNumberAttribute(0x10000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlternateDomainAttribute("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlternateDomainAttribute("a b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void byteArrayValuesAreCopied() {
        byte[] data = {1, 2, 3};
        DataAttribute attribute = new DataAttribute(data);
        data[0] = 9;
        attribute.data()[1] = 9;
        assertThat(attribute.data()).containsExactly(1, 2, 3);
        assertThat(attribute).isEqualTo(new DataAttribute(new byte[] {1, 2, 3})).hasToString("DATA[3 bytes]");
    }

    @Test
    void messageAccessorsFindTheFirstOccurrence() {
        StunMessage message = StunMessage.of(StunMessageType.BINDING_REQUEST, TRANSACTION_ID,
                List.of(new UsernameAttribute("first"), new UsernameAttribute("second")));
        assertThat(message.attribute(UsernameAttribute.class).orElseThrow().username()).isEqualTo("first");
        assertThat(message.attribute(StunAttributeType.USERNAME)).contains(new UsernameAttribute("first"));
        assertThat(message.attribute(RealmAttribute.class)).isEmpty();
        assertThat(message.toString()).contains("BINDING REQUEST", HexFormat.of().formatHex(TRANSACTION_ID));
        assertThat(Arrays.equals(message.transactionId(), TRANSACTION_ID)).isTrue();
    }
}
