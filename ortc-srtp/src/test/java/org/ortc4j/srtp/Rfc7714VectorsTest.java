package org.ortc4j.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ortc4j.srtp.internal.SessionKeys;
import org.ortc4j.srtp.internal.SrtpCipher;

/**
 * The test vectors of RFC 7714 §16 (SRTP) and §17 (SRTCP), AEAD_AES_128_GCM and
 * AEAD_AES_256_GCM, in both directions, through the public sessions and through the transform.
 *
 * <p>The RFC's "Key" and "salt" are the AEAD key and salt themselves (the session keys), not a
 * master key: no master key is given, and none could be found that derives them. So each test
 * builds its transform from the RFC's key and salt as {@link SessionKeys}
 * ({@link #transform}); everything else (IV formation, AAD,
 * tag and ESRTCP word placement, ROC and SRTCP index handling, buffer handling) is our code. The
 * KDF is checked by {@code Rfc3711VectorsTest} and {@code Rfc6188VectorsTest}; RFC 7714 gives no
 * KDF vectors of its own.
 *
 * <p>The hex is copied from the RFC text and was checked once against an independent AES-GCM
 * implementation. §17 opens with an RTCP packet ({@code 81c8000e ... 0000eb98 ...}) that differs
 * from the one §17.1 to §17.4 actually use ({@code 81c8000d ... 0000e930 ...}); the vectors use
 * the latter, and so do these tests.
 */
class Rfc7714VectorsTest {

    // RFC 7714 §16: "The 16-octet (128-bit) key is 00 01 02 ... 0f, and the 32-octet (256-bit)
    // key is 00 01 02 ... 1f." "The salt used (51756964 2070726f 2071756f) comes from the ASCII
    // string "Quid pro quo"."
    static final String KEY_128 = "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f";
    static final String KEY_256 = KEY_128 + " 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f";
    static final String SALT = "51 75 69 64 20 70 72 6f 20 71 75 6f";

    // RFC 7714 §16: "The examples in this section are all based upon the same RTP packet"
    static final String RTP_PACKET = "8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973 20646976"
            + " 69736120 696e2070 61727465 73207472 6573";
    static final int RTP_SSRC = 0x5501a0b2;
    static final int RTP_SEQ = 0xf17b;
    // §16.1.1 and §16.1.2, "Encrypted and tagged packet:"
    static final String RTP_ENCRYPTED_128 = "8040f17b 8041f8d3 5501a0b2 f24de3a3 fb34de6c acba861c 9d7e4bca be633bd5"
            + " 0d294e6f 42a5f47a 51c7d19b 36de3adf 8833899d 7f27beb1 6a9152cf 765ee439 0cce";
    // §16.2.1 and §16.2.2, "Encrypted and tagged packet:"
    static final String RTP_ENCRYPTED_256 = "8040f17b 8041f8d3 5501a0b2 32b1de78 a822fe12 ef9f78fa 332e33aa b1801238"
            + " 9a58e2f3 b50b2a02 76ffae0f 1ba63799 b87b7aa3 db36dfff d6b0f9bb 7878d7a7 6c13";
    // §16.1.3 and §16.1.4, "Tagged packet:"
    static final String RTP_TAGGED_128 = "8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973 20646976"
            + " 69736120 696e2070 61727465 73207472 65732249 3f82d2bc e397e9d7 9e3b19aa 4216";
    // §16.2.3 and §16.2.4, "Tagged packet:"
    static final String RTP_TAGGED_256 = "8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973 20646976"
            + " 69736120 696e2070 61727465 73207472 6573a866 d5910f88 7463067c eefec452 15d4";

    // RFC 7714 §17.1, "Encrypting the following packet:" ... "with 32-bit SRTCP index 000005d4."
    static final String RTCP_PACKET = "81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61"
            + " deadbeef deadbeef deadbeef deadbeef deadbeef";
    static final int RTCP_SSRC = 0x4d617273;
    static final int SRTCP_INDEX = 0x000005d4;
    // §17.1, "Encrypted and tagged packet:"
    static final String RTCP_ENCRYPTED_128 = "81c8000d 4d617273 63e94885 dcdab67c a727d766 2f6b7e99 7ff5c0f7 6c06f32d"
            + " c676a5f1 730d6fda 4ce09b46 86303ded 0bb9275b c84aa458 96cf4d2f c5abf872 45d9eade 800005d4";
    // §17.2, "Decrypting the following packet:"
    static final String RTCP_ENCRYPTED_256 = "81c8000d 4d617273 d50ae4d1 f5ce5d30 4ba297e4 7d470c28 2c3ece5d bffe0a50"
            + " a2eaa5c1 110555be 8415f658 c61de047 6f1b6fad 1d1eb30c 4446839f 57ff6f6c b26ac3be 800005d4";
    // §17.3, "Tagged packet:"
    static final String RTCP_TAGGED_128 = "81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61"
            + " deadbeef deadbeef deadbeef deadbeef deadbeef 841dd968 3dd78ec9 2ae58790 125f62b3 000005d4";
    // §17.4, "Verifying the following packet:"
    static final String RTCP_TAGGED_256 = "81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61"
            + " deadbeef deadbeef deadbeef deadbeef deadbeef 91db4afb feee5a97 8fab4393 ed2615fe 000005d4";

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    static String key(SrtpProfile profile) {
        return profile == SrtpProfile.AEAD_AES_128_GCM ? KEY_128 : KEY_256;
    }

    /**
     * The transform with the RFC's key and salt as the session keys for both SRTP and SRTCP: the
     * vectors give session keys, not a master key (§17 uses the same key and salt as §16).
     */
    static SrtpCipher transform(SrtpProfile profile) {
        byte[] key = hex(key(profile));
        byte[] salt = hex(SALT);
        return SrtpCipher.create(new SessionKeys(profile, key, null, salt, key, null, salt));
    }

    static SrtpOutboundSession sender(SrtpProfile profile) {
        return new SrtpOutboundSession(transform(profile), SrtpOptions.DEFAULT);
    }

    static SrtpInboundSession receiver(SrtpProfile profile) {
        return new SrtpInboundSession(transform(profile), SrtpOptions.DEFAULT);
    }

    /**
     * A buffer holding {@code packet} from position 3 (so offsets are not all zero), with room for
     * a trailer; a direct buffer goes through the session's scratch copy.
     */
    static ByteBuffer buffer(byte[] packet, boolean direct) {
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(3 + packet.length + 64)
                : ByteBuffer.allocate(3 + packet.length + 64);
        buffer.position(3);
        buffer.put(packet);
        buffer.limit(buffer.position()).position(3);
        return buffer;
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    // RFC 7714 §16.1.1, SRTP AEAD_AES_128_GCM Encryption: "Encrypting the following packet:"
    // 8040f17b 8041f8d3 5501a0b2 47616c6c ... "Encrypted and tagged packet:" 8040f17b 8041f8d3
    // 5501a0b2 f24de3a3 ... 765ee439 0cce. The ROC is 0 ("00 00 55 01 a0 b2 00 00 00 00 f1 7b"),
    // as for the first packet of a new sender.
    @ParameterizedTest(name = "direct buffer: {0}")
    @ValueSource(booleans = {false, true})
    void srtpAes128GcmEncryptionIsSection1611s(boolean direct) {
        ByteBuffer packet = buffer(hex(RTP_PACKET), direct);

        assertThat(sender(SrtpProfile.AEAD_AES_128_GCM).protectRtp(packet)).isEqualTo(SrtpResult.OK);
        assertThat(bytes(packet)).isEqualTo(hex(RTP_ENCRYPTED_128));
    }

    // RFC 7714 §16.1.2, SRTP AEAD_AES_128_GCM Decryption: "Decrypting the following packet:"
    // 8040f17b ... 0cce ... "Received tag verified." ... "Verified and tagged packet:" 47616c6c
    // 69612065 ... 6573 (the payload; the header is left as it was).
    @ParameterizedTest(name = "direct buffer: {0}")
    @ValueSource(booleans = {false, true})
    void srtpAes128GcmDecryptionIsSection1612s(boolean direct) {
        ByteBuffer packet = buffer(hex(RTP_ENCRYPTED_128), direct);

        assertThat(receiver(SrtpProfile.AEAD_AES_128_GCM).unprotectRtp(packet)).isEqualTo(SrtpResult.OK);
        assertThat(bytes(packet)).isEqualTo(hex(RTP_PACKET));
    }

    // RFC 7714 §16.2.1, SRTP AEAD_AES_256_GCM Encryption: "Encrypted and tagged packet:" 8040f17b
    // 8041f8d3 5501a0b2 32b1de78 ... 7878d7a7 6c13
    @ParameterizedTest(name = "direct buffer: {0}")
    @ValueSource(booleans = {false, true})
    void srtpAes256GcmEncryptionIsSection1621s(boolean direct) {
        ByteBuffer packet = buffer(hex(RTP_PACKET), direct);

        assertThat(sender(SrtpProfile.AEAD_AES_256_GCM).protectRtp(packet)).isEqualTo(SrtpResult.OK);
        assertThat(bytes(packet)).isEqualTo(hex(RTP_ENCRYPTED_256));
    }

    // RFC 7714 §16.2.2, SRTP AEAD_AES_256_GCM Decryption: "Decrypting the following packet:"
    // 8040f17b ... 6c13 ... "Received tag verified."
    @ParameterizedTest(name = "direct buffer: {0}")
    @ValueSource(booleans = {false, true})
    void srtpAes256GcmDecryptionIsSection1622s(boolean direct) {
        ByteBuffer packet = buffer(hex(RTP_ENCRYPTED_256), direct);

        assertThat(receiver(SrtpProfile.AEAD_AES_256_GCM).unprotectRtp(packet)).isEqualTo(SrtpResult.OK);
        assertThat(bytes(packet)).isEqualTo(hex(RTP_PACKET));
    }

    // RFC 7714 §16.1.3 / §16.1.4 and §16.2.3 / §16.2.4 tag an RTP packet without encrypting it
    // (the whole packet is the AAD). ortc-srtp does not do that, as RFC 7714 §8.2 says: "All SRTP
    // packets MUST be both authenticated and encrypted." So a receiver refuses those packets
    // rather than accepting them as encrypted ones.
    static Stream<Arguments> taggedOnlySrtp() {
        return Stream.of(
                Arguments.of("§16.1.4", SrtpProfile.AEAD_AES_128_GCM, RTP_TAGGED_128),
                Arguments.of("§16.2.4", SrtpProfile.AEAD_AES_256_GCM, RTP_TAGGED_256));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("taggedOnlySrtp")
    void srtpTaggedButNotEncryptedIsRefusedAsSection82Requires(String section, SrtpProfile profile, String tagged) {
        ByteBuffer packet = buffer(hex(tagged), false);

        assertThat(receiver(profile).unprotectRtp(packet)).isEqualTo(SrtpResult.AUTHENTICATION_FAILED);
    }

    // RFC 7714 §17.1, SRTCP AEAD_AES_128_GCM Encryption and Tagging: "Append the ESRTCP word with
    // the E-flag set" ... "Encrypted and tagged packet:" 81c8000d 4d617273 63e94885 ... 45d9eade
    // 800005d4. A new sender starts at SRTCP index 0 (RFC 3711 §3.4), so it first protects 0x5d4
    // other packets of the same SSRC.
    @ParameterizedTest(name = "direct buffer: {0}")
    @ValueSource(booleans = {false, true})
    void srtcpAes128GcmEncryptionIsSection171s(boolean direct) {
        SrtpOutboundSession sender = senderAtSrtcpIndex0x5d4(SrtpProfile.AEAD_AES_128_GCM);
        ByteBuffer packet = buffer(hex(RTCP_PACKET), direct);

        assertThat(sender.protectRtcp(packet)).isEqualTo(SrtpResult.OK);
        assertThat(bytes(packet)).isEqualTo(hex(RTCP_ENCRYPTED_128));
    }

    // The other direction of RFC 7714 §17.1: the "Encrypted and tagged packet" decrypts to the
    // packet §17.1 encrypted. The receiver takes the index 000005d4 from the ESRTCP word.
    @ParameterizedTest(name = "direct buffer: {0}")
    @ValueSource(booleans = {false, true})
    void srtcpAes128GcmDecryptionUndoesSection171(boolean direct) {
        ByteBuffer packet = buffer(hex(RTCP_ENCRYPTED_128), direct);

        assertThat(receiver(SrtpProfile.AEAD_AES_128_GCM).unprotectRtcp(packet)).isEqualTo(SrtpResult.OK);
        assertThat(bytes(packet)).isEqualTo(hex(RTCP_PACKET));
    }

    // RFC 7714 §17.2, SRTCP AEAD_AES_256_GCM Verification and Decryption: "Decrypting the
    // following packet:" 81c8000d 4d617273 d50ae4d1 ... b26ac3be 800005d4 ... "Received tag
    // verified." ... "Verified and decrypted packet:" 81c8000d 4d617273 4e545031 ... deadbeef
    @ParameterizedTest(name = "direct buffer: {0}")
    @ValueSource(booleans = {false, true})
    void srtcpAes256GcmDecryptionIsSection172s(boolean direct) {
        ByteBuffer packet = buffer(hex(RTCP_ENCRYPTED_256), direct);

        assertThat(receiver(SrtpProfile.AEAD_AES_256_GCM).unprotectRtcp(packet)).isEqualTo(SrtpResult.OK);
        assertThat(bytes(packet)).isEqualTo(hex(RTCP_PACKET));
    }

    // The other direction of RFC 7714 §17.2: a sender at SRTCP index 0x5d4 encrypts the packet to
    // the one §17.2 decrypts.
    @ParameterizedTest(name = "direct buffer: {0}")
    @ValueSource(booleans = {false, true})
    void srtcpAes256GcmEncryptionGivesSection172sPacket(boolean direct) {
        SrtpOutboundSession sender = senderAtSrtcpIndex0x5d4(SrtpProfile.AEAD_AES_256_GCM);
        ByteBuffer packet = buffer(hex(RTCP_PACKET), direct);

        assertThat(sender.protectRtcp(packet)).isEqualTo(SrtpResult.OK);
        assertThat(bytes(packet)).isEqualTo(hex(RTCP_ENCRYPTED_256));
    }

    // RFC 7714 §17.3, SRTCP AEAD_AES_128_GCM Tagging Only: "Tagged packet:" 81c8000d ... deadbeef
    // 841dd968 3dd78ec9 2ae58790 125f62b3 000005d4. §17: "The E-flag is one if the SRTCP packet
    // has been encrypted and zero if it has been tagged but not encrypted." ortc-srtp does not
    // send such packets; it verifies them, and gives back the RTCP packet as it was.
    @ParameterizedTest(name = "direct buffer: {0}")
    @ValueSource(booleans = {false, true})
    void srtcpAes128GcmTaggedOnlyPacketOfSection173Verifies(boolean direct) {
        ByteBuffer packet = buffer(hex(RTCP_TAGGED_128), direct);

        assertThat(receiver(SrtpProfile.AEAD_AES_128_GCM).unprotectRtcp(packet)).isEqualTo(SrtpResult.OK);
        assertThat(bytes(packet)).isEqualTo(hex(RTCP_PACKET));
    }

    // RFC 7714 §17.4, SRTCP AEAD_AES_256_GCM Tag Verification: "Verifying the following packet:"
    // 81c8000d ... deadbeef 91db4afb feee5a97 8fab4393 ed2615fe 000005d4 ... "Received tag
    // verified." ... "Verified packet:" 81c8000d 4d617273 ... deadbeef
    @ParameterizedTest(name = "direct buffer: {0}")
    @ValueSource(booleans = {false, true})
    void srtcpAes256GcmTagVerificationIsSection174s(boolean direct) {
        ByteBuffer packet = buffer(hex(RTCP_TAGGED_256), direct);

        assertThat(receiver(SrtpProfile.AEAD_AES_256_GCM).unprotectRtcp(packet)).isEqualTo(SrtpResult.OK);
        assertThat(bytes(packet)).isEqualTo(hex(RTCP_PACKET));
    }

    static SrtpOutboundSession senderAtSrtcpIndex0x5d4(SrtpProfile profile) {
        SrtpOutboundSession sender = sender(profile);
        for (int i = 0; i < SRTCP_INDEX; i++) {
            assertThat(sender.protectRtcp(buffer(hex(RTCP_PACKET), false))).isEqualTo(SrtpResult.OK);
        }
        return sender;
    }

    /** Every protected packet the RFC gives, with the length of its header. */
    static Stream<Arguments> protectedPackets() {
        return Stream.of(
                Arguments.of("§16.1.2", SrtpProfile.AEAD_AES_128_GCM, true, RTP_ENCRYPTED_128),
                Arguments.of("§16.2.2", SrtpProfile.AEAD_AES_256_GCM, true, RTP_ENCRYPTED_256),
                Arguments.of("§17.1", SrtpProfile.AEAD_AES_128_GCM, false, RTCP_ENCRYPTED_128),
                Arguments.of("§17.2", SrtpProfile.AEAD_AES_256_GCM, false, RTCP_ENCRYPTED_256),
                Arguments.of("§17.3", SrtpProfile.AEAD_AES_128_GCM, false, RTCP_TAGGED_128),
                Arguments.of("§17.4", SrtpProfile.AEAD_AES_256_GCM, false, RTCP_TAGGED_256));
    }

    // RFC 7714 §5.3: "AEAD requires that all incoming packets MUST pass AEAD authentication before
    // any other action takes place." ... "Should the AEAD tag prove to be invalid, the packet in
    // question is to be discarded". The RFC lists no failing vector; each of its packets with any
    // one bit changed is one. A changed header bit may make the packet malformed instead; a
    // changed bit after the header (ciphertext, tag, ESRTCP word) fails authentication.
    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedPackets")
    void everyOneBitChangeOfAnRfcPacketIsRefused(String section, SrtpProfile profile, boolean rtp, String packet) {
        byte[] original = hex(packet);
        int headerLength = rtp ? 12 : 8;
        assertThat(unprotect(profile, rtp, original)).as("the packet as the RFC gives it").isEqualTo(SrtpResult.OK);

        for (int bit = 0; bit < original.length * 8; bit++) {
            byte[] altered = original.clone();
            altered[bit / 8] ^= (byte) (0x80 >>> (bit % 8));

            SrtpResult result = unprotect(profile, rtp, altered);

            if (bit / 8 < headerLength) {
                assertThat(result).as("%s with bit %d changed", section, bit).isNotEqualTo(SrtpResult.OK);
            } else {
                assertThat(result).as("%s with bit %d changed", section, bit).isEqualTo(SrtpResult.AUTHENTICATION_FAILED);
            }
        }
    }

    static SrtpResult unprotect(SrtpProfile profile, boolean rtp, byte[] packet) {
        SrtpInboundSession receiver = receiver(profile);
        ByteBuffer buffer = buffer(packet, false);
        return rtp ? receiver.unprotectRtp(buffer) : receiver.unprotectRtcp(buffer);
    }

    // RFC 7714 §9.2: the E flag is part of the AAD ("The full ESRTCP word is part of the AAD",
    // §17), so an encrypted packet whose E flag is cleared, or a tagged-only packet whose E flag
    // is set, does not verify either way.
    @Test
    void srtcpEFlagCannotBeFlippedOnSection171OrSection173Packets() {
        byte[] encrypted = hex(RTCP_ENCRYPTED_128);
        encrypted[encrypted.length - 4] &= 0x7F;
        byte[] tagged = hex(RTCP_TAGGED_128);
        tagged[tagged.length - 4] |= (byte) 0x80;

        assertThat(unprotect(SrtpProfile.AEAD_AES_128_GCM, false, encrypted)).isEqualTo(SrtpResult.AUTHENTICATION_FAILED);
        assertThat(unprotect(SrtpProfile.AEAD_AES_128_GCM, false, tagged)).isEqualTo(SrtpResult.AUTHENTICATION_FAILED);
    }

    // The same vectors one level down, at the transform ({@link SrtpCipher}) with the ROC, the
    // sequence number and the SRTCP index given explicitly, at an offset in a larger array.
    static Stream<Arguments> srtpVectors() {
        return Stream.of(
                Arguments.of("§16.1.1/§16.1.2", SrtpProfile.AEAD_AES_128_GCM, RTP_ENCRYPTED_128),
                Arguments.of("§16.2.1/§16.2.2", SrtpProfile.AEAD_AES_256_GCM, RTP_ENCRYPTED_256));
    }

    // RFC 7714 §8.1: "The 12-octet IV used by AES-GCM SRTP is formed by first concatenating 2
    // octets of zeroes, the 4-octet SSRC, the 4-octet rollover counter (ROC), and the 2-octet
    // sequence number (SEQ). The resulting 12-octet value is then XORed to the 12-octet salt to
    // form the 12-octet IV." §16: "IV 51 75 3c 65 80 c2 72 6f 20 71 84 14"
    @ParameterizedTest(name = "{0}")
    @MethodSource("srtpVectors")
    void srtpTransformProtectsAndUnprotectsTheRfcPacket(String section, SrtpProfile profile, String encrypted) {
        byte[] plain = hex(RTP_PACKET);
        byte[] expected = hex(encrypted);
        int off = 5;
        byte[] b = new byte[off + expected.length + 7];
        System.arraycopy(plain, 0, b, off, plain.length);
        SrtpCipher cipher = transform(profile);

        cipher.protectRtp(b, off, 12, plain.length, RTP_SSRC, 0, RTP_SEQ);

        assertThat(cipher.rtpTrailerLength()).isEqualTo(16);
        assertThat(Arrays.copyOfRange(b, off, off + expected.length)).isEqualTo(expected);
        assertThat(Arrays.copyOfRange(b, 0, off)).containsOnly(0);
        assertThat(Arrays.copyOfRange(b, off + expected.length, b.length)).containsOnly(0);

        assertThat(transform(profile).unprotectRtp(b, off, 12, plain.length, RTP_SSRC, 0, RTP_SEQ)).isTrue();
        assertThat(Arrays.copyOfRange(b, off, off + plain.length)).isEqualTo(plain);
    }

    // RFC 7714 §8.1 again: the ROC is part of the IV, so the §16 packet does not verify under any
    // other rollover counter.
    @ParameterizedTest(name = "{0}")
    @MethodSource("srtpVectors")
    void srtpTransformRefusesTheRfcPacketUnderAnotherRoc(String section, SrtpProfile profile, String encrypted) {
        byte[] b = hex(encrypted);

        assertThat(transform(profile).unprotectRtp(b, 0, 12, b.length - 16, RTP_SSRC, 1, RTP_SEQ)).isFalse();
    }

    static Stream<Arguments> srtcpVectors() {
        return Stream.of(
                Arguments.of("§17.1", SrtpProfile.AEAD_AES_128_GCM, RTCP_ENCRYPTED_128),
                Arguments.of("§17.2", SrtpProfile.AEAD_AES_256_GCM, RTCP_ENCRYPTED_256));
    }

    // RFC 7714 §9.1 / §17: "The first 12-octet value is formed by concatenating two zero octets,
    // the 4-octet SSRC ..., another two padding octets, and the 31-bit SRTCP index, right-justified
    // in a 32-bit = 4-octet field with a single "0" bit prepended as padding."
    // "IV 51 75 24 05 52 03 72 6f 20 71 70 bb". §17: the packet is "The first 8 octets of the RTCP
    // packet", "The cipher", "The ESRTCP word".
    @ParameterizedTest(name = "{0}")
    @MethodSource("srtcpVectors")
    void srtcpTransformProtectsAndUnprotectsTheRfcPacket(String section, SrtpProfile profile, String encrypted) {
        byte[] plain = hex(RTCP_PACKET);
        byte[] expected = hex(encrypted);
        int off = 5;
        byte[] b = new byte[off + expected.length + 7];
        System.arraycopy(plain, 0, b, off, plain.length);
        SrtpCipher cipher = transform(profile);

        cipher.protectRtcp(b, off, plain.length, RTCP_SSRC, SRTCP_INDEX);

        assertThat(cipher.rtcpTrailerLength()).isEqualTo(16 + 4);
        assertThat(Arrays.copyOfRange(b, off, off + expected.length)).isEqualTo(expected);
        assertThat(Arrays.copyOfRange(b, 0, off)).containsOnly(0);
        assertThat(Arrays.copyOfRange(b, off + expected.length, b.length)).containsOnly(0);

        SrtpCipher receiver = transform(profile);
        assertThat(receiver.srtcpIndexPosition(expected.length)).isEqualTo(expected.length - 4);
        assertThat(receiver.unprotectRtcp(b, off, expected.length, RTCP_SSRC, 0x8000_0000 | SRTCP_INDEX)).isTrue();
        assertThat(Arrays.copyOfRange(b, off, off + plain.length)).isEqualTo(plain);
    }

    static Stream<Arguments> srtcpTaggedVectors() {
        return Stream.of(
                Arguments.of("§17.3", SrtpProfile.AEAD_AES_128_GCM, RTCP_TAGGED_128),
                Arguments.of("§17.4", SrtpProfile.AEAD_AES_256_GCM, RTCP_TAGGED_256));
    }

    // RFC 7714 §17: "when the RTCP packet is to be tagged but not encrypted (E-flag = 0), GCM will
    // produce a cipher that consists solely of the 8-octet or 16-octet authentication tag. The
    // tagged SRTCP consists of ... All of the AAD, except for the ESRTCP word. The cipher (= the
    // authentication tag). The ESRTCP word (the final part of the AAD)."
    @ParameterizedTest(name = "{0}")
    @MethodSource("srtcpTaggedVectors")
    void srtcpTransformVerifiesTheRfcTaggedOnlyPacket(String section, SrtpProfile profile, String tagged) {
        byte[] expected = hex(tagged);
        int off = 5;
        byte[] b = new byte[off + expected.length + 7];
        System.arraycopy(expected, 0, b, off, expected.length);
        byte[] before = b.clone();

        assertThat(transform(profile).unprotectRtcp(b, off, expected.length, RTCP_SSRC, SRTCP_INDEX)).isTrue();
        assertThat(b).as("nothing is decrypted when E = 0").isEqualTo(before);
    }
}
