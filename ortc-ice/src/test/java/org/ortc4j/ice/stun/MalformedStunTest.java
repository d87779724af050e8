package org.ortc4j.ice.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ortc4j.ice.stun.Rfc5769Vectors.hex;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed STUN is rejected with {@link StunParseException} and a reason, never with any other
 * exception; messages that are well formed but forged fail verification instead.
 */
class MalformedStunTest {

    private static final String COOKIE_AND_ID = "2112a442 0102030405060708090a0b0c";

    /** A Binding request whose header announces exactly the given attribute bytes. */
    static byte[] request(String body) {
        byte[] attributes = hex(body);
        return hex("0001" + String.format("%04x", attributes.length) + COOKIE_AND_ID + HexFormat.of().formatHex(attributes));
    }

    static String utf8Hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // The header (RFC 8489 §5)
                Arguments.of("empty input", new byte[0], "shorter than the 20-byte header"),
                Arguments.of("truncated header", Arrays.copyOf(request(""), 19), "19 bytes is shorter than the 20-byte header"),
                Arguments.of("first bit set", hex("8001 0000" + COOKIE_AND_ID), "does not start with two zero bits"),
                Arguments.of("second bit set", hex("4001 0000" + COOKIE_AND_ID), "does not start with two zero bits"),
                Arguments.of("length not a multiple of 4", hex("0001 0002" + COOKIE_AND_ID + "0000"), "message length 2 is not a multiple of 4"),
                Arguments.of("length longer than the data", hex("0001 0008" + COOKIE_AND_ID + "00250000"),
                        "says 8 bytes of attributes but 4 follow"),
                Arguments.of("trailing bytes after the message", hex("0001 0000" + COOKIE_AND_ID + "00250000"),
                        "says 0 bytes of attributes but 4 follow"),
                Arguments.of("bad magic cookie", hex("0001 0000 2112a443 0102030405060708090a0b0c"), "magic cookie is 0x2112A443"),
                Arguments.of("RFC 3489 message without cookie", hex("0001 0000 a1b2c3d4 0102030405060708090a0b0c"), "magic cookie"),
                Arguments.of("longer than any STUN message", new byte[StunMessage.MAX_MESSAGE_LENGTH + 1], "longer than the largest STUN message"),

                // Attribute framing (RFC 8489 §14)
                Arguments.of("attribute running past the end", request("80220010 41424344"), "SOFTWARE at byte 20 with a value of 16 bytes runs past the end"),
                Arguments.of("padding running past the end", request("80220009 41424344 45464748"), "runs past the end of the message"),
                Arguments.of("FINGERPRINT not last", request("80280004 00000000 80220000"), "FINGERPRINT is not the last attribute"),

                // Addresses (RFC 8489 §14.1, §14.2)
                Arguments.of("bad address family", request("00200008 0003a147 e112a643"), "address family 0x03 is neither IPv4"),
                Arguments.of("XOR-MAPPED-ADDRESS too short", request("00200004 0001a147"), "XOR-MAPPED-ADDRESS: value is 4 bytes, expected 8"),
                Arguments.of("XOR-MAPPED-ADDRESS with two bytes", request("00200002 00010000"), "XOR-MAPPED-ADDRESS: value is 2 bytes, too short"),
                Arguments.of("IPv6 family with an IPv4 length", request("00010008 0002a147 e112a643"), "MAPPED-ADDRESS: value is 8 bytes, expected 20"),
                Arguments.of("IPv4 family with an IPv6 length", request("80230014 0001a147" + "00".repeat(16)), "ALTERNATE-SERVER: value is 20 bytes, expected 8"),

                // ERROR-CODE (RFC 8489 §14.8)
                Arguments.of("ERROR-CODE class 7", request("00090004 00000700"), "error class 7 is not 3 to 6"),
                Arguments.of("ERROR-CODE class 2", request("00090004 00000263"), "error class 2 is not 3 to 6"),
                Arguments.of("ERROR-CODE number 100", request("00090004 00000464"), "error number 100 is not 0 to 99"),
                Arguments.of("ERROR-CODE too short", request("00090003 00000400"), "too short for an error code"),
                Arguments.of("ADDRESS-ERROR-CODE class 1", request("80010004 01000100"), "ADDRESS-ERROR-CODE: error class 1"),

                // Text (RFC 8489 §14.3 ff.)
                Arguments.of("USERNAME longer than 763 bytes", request("000602fc" + "61".repeat(764)), "USERNAME: value is 764 bytes of text, at most 763"),
                Arguments.of("USERNAME not UTF-8", request("00060002 c3280000"), "USERNAME: value is not valid UTF-8"),
                Arguments.of("REALM with a UTF-8 surrogate", request("00140003 eda08000"), "REALM: value is not valid UTF-8"),
                Arguments.of("ALTERNATE-DOMAIN not ASCII", request("80030002 c3a90000"), "ALTERNATE-DOMAIN: character U+00C3"),

                // Fixed lengths
                Arguments.of("MESSAGE-INTEGRITY of 16 bytes", request("00080010" + "00".repeat(16)), "MESSAGE-INTEGRITY: value is 16 bytes, expected 20"),
                Arguments.of("MESSAGE-INTEGRITY-SHA256 of 12 bytes", request("001c000c" + "00".repeat(12)), "expected 16 to 32 in steps of 4"),
                Arguments.of("MESSAGE-INTEGRITY-SHA256 of 36 bytes", request("001c0024" + "00".repeat(36)), "expected 16 to 32 in steps of 4"),
                Arguments.of("FINGERPRINT of 8 bytes", request("80280008" + "00".repeat(8)), "FINGERPRINT: value is 8 bytes, expected 4"),
                Arguments.of("PRIORITY of 8 bytes", request("00240008" + "00".repeat(8)), "PRIORITY: value is 8 bytes, expected 4"),
                Arguments.of("ICE-CONTROLLING of 4 bytes", request("802a0004 00000001"), "ICE-CONTROLLING: value is 4 bytes, expected 8"),
                Arguments.of("USE-CANDIDATE with a value", request("00250004 00000000"), "USE-CANDIDATE: value is 4 bytes, expected 0"),
                Arguments.of("USERHASH of 16 bytes", request("001e0010" + "00".repeat(16)), "USERHASH: value is 16 bytes, expected 32"),
                Arguments.of("EVEN-PORT of 4 bytes", request("00180004 80000000"), "EVEN-PORT: value is 4 bytes, expected 1"),
                Arguments.of("CHANNEL-NUMBER of 2 bytes", request("000c0002 40000000"), "CHANNEL-NUMBER: value is 2 bytes, expected 4"),
                Arguments.of("ICMP of 4 bytes", request("80040004 00000304"), "ICMP: value is 4 bytes, expected 8"),

                // Lists
                Arguments.of("UNKNOWN-ATTRIBUTES of odd length", request("000a0003 00310000"), "not a list of 16-bit types"),
                Arguments.of("PASSWORD-ALGORITHMS parameters past the end", request("80020008 00010008 00000000"),
                        "parameters of 8 bytes run past the end of the value"),
                Arguments.of("PASSWORD-ALGORITHMS truncated entry", request("80020006 00010000 00020000"), "truncated password algorithm"),
                Arguments.of("PASSWORD-ALGORITHM with two entries", request("001d0008 00010000 00020000"), "more than one algorithm"),

                // Junk
                Arguments.of("HTTP request", "GET / HTTP/1.1\r\nHost: example.org\r\n\r\n".getBytes(StandardCharsets.US_ASCII), "two zero bits"),
                Arguments.of("RTP packet", hex("80e0 0001 00000000 12345678 0000000000000000"), "two zero bits"),
                Arguments.of("DTLS record", hex("16fefd 0000 000000000000 0010 0100000c000000000000000c"), "message length field says 64768"),
                Arguments.of("twenty zero bytes", new byte[20], "magic cookie is 0x00000000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsWithAReason(String name, byte[] input, String reason) {
        assertThatThrownBy(() -> StunMessage.decode(input))
                .isExactlyInstanceOf(StunParseException.class)
                .hasMessageStartingWith("STUN: ")
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((StunParseException) e).reason()).contains(reason));
    }

    @Test
    void aBufferRegionIsDecodedWithoutMovingThePosition() {
        byte[] message = Rfc5769Vectors.REQUEST;
        byte[] framed = new byte[message.length + 6];
        System.arraycopy(message, 0, framed, 3, message.length);
        assertThat(StunMessage.decode(framed, 3, message.length)).isEqualTo(StunMessage.decode(message));

        ByteBuffer heap = ByteBuffer.wrap(framed, 3, message.length);
        assertThat(StunMessage.decode(heap)).isEqualTo(StunMessage.decode(message));
        assertThat(heap.position()).isEqualTo(3);
        ByteBuffer direct = ByteBuffer.allocateDirect(message.length).put(message).flip();
        assertThat(StunMessage.decode(direct)).isEqualTo(StunMessage.decode(message));
        assertThat(direct.position()).isZero();

        assertThatThrownBy(() -> StunMessage.decode(framed, 3, message.length + 1)).isInstanceOf(StunParseException.class);
    }

    @Test
    void integrityMismatchIsAFailedCheckNotAParseError() {
        MessageIntegrityKey key = MessageIntegrityKey.shortTerm(Rfc5769Vectors.SHORT_TERM_PASSWORD);
        byte[] forged = Rfc5769Vectors.REQUEST.clone();
        forged[27] ^= 0x01; // PRIORITY value, covered by MESSAGE-INTEGRITY and FINGERPRINT

        StunMessage message = StunMessage.decode(forged);

        assertThat(message.verifyMessageIntegrity(key)).isFalse();
        assertThat(message.verifyFingerprint()).isFalse();
    }

    @Test
    void fingerprintMismatchIsAFailedCheckNotAParseError() {
        byte[] forged = Rfc5769Vectors.IPV4_RESPONSE.clone();
        forged[forged.length - 1] ^= 0x01; // the CRC itself

        StunMessage message = StunMessage.decode(forged);

        assertThat(message.verifyFingerprint()).isFalse();
        assertThat(message.verifyMessageIntegrity(MessageIntegrityKey.shortTerm(Rfc5769Vectors.SHORT_TERM_PASSWORD))).isTrue();
    }

    @Test
    void integrityThatCoversTheWrongLengthFails() {
        // The HMAC covers the header with the length adjusted to end at MESSAGE-INTEGRITY
        // (RFC 8489 §14.5): an HMAC over the unadjusted header does not verify.
        MessageIntegrityKey key = MessageIntegrityKey.shortTerm("secret");
        byte[] prefix = StunMessage.of(StunMessageType.BINDING_REQUEST, hex("0102030405060708090a0b0c"),
                java.util.List.of(new UsernameAttribute("a:b"))).encode();
        byte[] unadjusted = key.hmac("HmacSHA1", prefix, prefix.length, prefix.length - 20);
        StunMessage message = StunMessage.of(StunMessageType.BINDING_REQUEST, hex("0102030405060708090a0b0c"),
                java.util.List.of(new UsernameAttribute("a:b"), new MessageIntegrityAttribute(unadjusted)));

        assertThat(message.verifyMessageIntegrity(key)).isFalse();
    }
}
