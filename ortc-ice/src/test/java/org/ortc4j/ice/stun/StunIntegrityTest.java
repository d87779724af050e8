package org.ortc4j.ice.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ortc4j.ice.stun.Rfc5769Vectors.hex;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MESSAGE-INTEGRITY (RFC 8489 §14.5), MESSAGE-INTEGRITY-SHA256 (§14.6) and FINGERPRINT (§14.7) as
 * the builder computes them and a receiver checks them.
 */
class StunIntegrityTest {

    private static final byte[] TRANSACTION_ID = hex("0102030405060708090a0b0c");
    private static final MessageIntegrityKey KEY = MessageIntegrityKey.shortTerm("pLyQ2ZUMR4Lw0cKUbq6RxGC0");

    private static StunMessage.Builder request() {
        return StunMessage.newBuilder(StunMessageType.BINDING_REQUEST)
                .transactionId(TRANSACTION_ID)
                .attribute(new UsernameAttribute("remote:local"))
                .attribute(new PriorityAttribute(1853824767L))
                .attribute(new IceControllingAttribute(42));
    }

    @Test
    void builtIntegrityAndFingerprintVerifyAfterDecoding() {
        StunMessage built = request().messageIntegrity(KEY).fingerprint().build();

        StunMessage received = StunMessage.decode(built.encode());

        assertThat(received).isEqualTo(built);
        assertThat(received.attributes()).extracting(StunAttribute::type).endsWith(
                StunAttributeType.MESSAGE_INTEGRITY, StunAttributeType.FINGERPRINT);
        assertThat(received.verifyMessageIntegrity(KEY)).isTrue();
        assertThat(received.verifyFingerprint()).isTrue();
        assertThat(received.hasIntegrity()).isTrue();
        assertThat(built.verifyMessageIntegrity(KEY)).isTrue();
        assertThat(received.verifyMessageIntegrity(MessageIntegrityKey.shortTerm("pLyQ2ZUMR4Lw0cKUbq6RxGC1"))).isFalse();
    }

    @Test
    void everyChangedBitBreaksIntegrityOrFingerprint() {
        byte[] bytes = request().messageIntegrity(KEY).fingerprint().build().encode();
        for (int bit = 0; bit < bytes.length * 8; bit++) {
            byte[] forged = bytes.clone();
            forged[bit / 8] ^= (byte) (1 << (bit % 8));
            StunMessage message;
            try {
                message = StunMessage.decode(forged);
            } catch (StunParseException rejected) {
                continue;
            }
            boolean integrityCovers = bit / 8 < bytes.length - 8;
            if (integrityCovers) {
                assertThat(message.verifyMessageIntegrity(KEY)).as("bit %d", bit).isFalse();
            }
            assertThat(message.verifyFingerprint()).as("bit %d", bit).isFalse();
        }
    }

    @Test
    void sha256IntegrityComesAfterSha1AndIsPreferred() {
        MessageIntegrityKey other = MessageIntegrityKey.shortTerm("other");
        StunMessage built = request().messageIntegrity(other).messageIntegritySha256(KEY).fingerprint().build();

        StunMessage received = StunMessage.decode(built.encode());

        assertThat(received.attributes()).extracting(StunAttribute::type).endsWith(StunAttributeType.MESSAGE_INTEGRITY,
                StunAttributeType.MESSAGE_INTEGRITY_SHA256, StunAttributeType.FINGERPRINT);
        assertThat(received.attribute(MessageIntegritySha256Attribute.class).orElseThrow().hmac()).hasSize(32);
        assertThat(received.verifyMessageIntegritySha256(KEY)).isTrue();
        assertThat(received.verifyMessageIntegrity(other)).isTrue();
        // RFC 8489 §9.1.3: with MESSAGE-INTEGRITY-SHA256 present, that is the one checked.
        assertThat(received.verifyIntegrity(KEY)).isTrue();
        assertThat(received.verifyIntegrity(other)).isFalse();
        assertThat(received.verifyFingerprint()).isTrue();
    }

    @Test
    void truncatedSha256IntegrityVerifies() {
        // RFC 8489 §14.6: "an initial portion of the HMAC-SHA-256", at least 16 bytes; the length
        // field is adjusted to the end of the (truncated) attribute.
        byte[] prefix = request().build().encode();
        byte[] full = KEY.hmac("HmacSHA256", prefix, prefix.length, prefix.length - 20 + 4 + 16);
        List<StunAttribute> attributes = new java.util.ArrayList<>(StunMessage.decode(prefix).attributes());
        attributes.add(new MessageIntegritySha256Attribute(Arrays.copyOf(full, 16)));

        StunMessage message = StunMessage.decode(StunMessage.of(StunMessageType.BINDING_REQUEST, TRANSACTION_ID, attributes).encode());

        assertThat(message.verifyMessageIntegritySha256(KEY)).isTrue();
        assertThat(message.verifyMessageIntegritySha256(MessageIntegrityKey.shortTerm("x"))).isFalse();
    }

    @Test
    void attributesAfterIntegrityOtherThanFingerprintAreNotCovered() {
        // RFC 8489 §14.5: agents "MUST ignore all other attributes that follow MESSAGE-INTEGRITY",
        // with the exception of MESSAGE-INTEGRITY-SHA256 and FINGERPRINT; the HMAC is over the
        // bytes before it, with the length adjusted to end at it.
        StunMessage signed = request().messageIntegrity(KEY).build();
        List<StunAttribute> attributes = new java.util.ArrayList<>(signed.attributes());
        attributes.add(new SoftwareAttribute("appended by someone else"));

        StunMessage extended = StunMessage.decode(StunMessage.of(signed.type(), TRANSACTION_ID, attributes).encode());

        assertThat(extended.verifyMessageIntegrity(KEY)).isTrue();
    }

    @Test
    void longTermKeysFollowTheirPasswordAlgorithm() {
        assertThat(MessageIntegrityKey.longTerm("user", "realm", "pass").bytes()).hasSize(16);
        assertThat(MessageIntegrityKey.longTerm(PasswordAlgorithm.SHA_256, "user", "realm", "pass").bytes()).hasSize(32);
        assertThat(MessageIntegrityKey.longTerm(PasswordAlgorithm.MD5, "user", "realm", "pass").bytes())
                .isEqualTo(MessageIntegrityKey.longTerm("user", "realm", "pass").bytes());
        // MD5("user:realm:pass"), computed independently.
        assertThat(MessageIntegrityKey.longTerm("user", "realm", "pass").bytes()).isEqualTo(hex("8493fbc53ba582fb4c044c456bdc40eb"));
        assertThatThrownBy(() -> MessageIntegrityKey.longTerm(PasswordAlgorithm.of(3, new byte[0]), "u", "r", "p"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(MessageIntegrityKey.of(new byte[] {1, 2})).hasToString("MessageIntegrityKey[2 bytes]");
    }

    @Test
    void anEmptyPasswordIsAValidKey() {
        MessageIntegrityKey empty = MessageIntegrityKey.shortTerm("");
        StunMessage message = StunMessage.decode(request().messageIntegrity(empty).build().encode());

        assertThat(message.verifyMessageIntegrity(empty)).isTrue();
        assertThat(message.verifyMessageIntegrity(MessageIntegrityKey.shortTerm("a"))).isFalse();
    }

    @Test
    void messagesWithoutIntegrityOrFingerprintDoNotVerify() {
        StunMessage plain = StunMessage.decode(request().build().encode());

        assertThat(plain.hasIntegrity()).isFalse();
        assertThat(plain.verifyMessageIntegrity(KEY)).isFalse();
        assertThat(plain.verifyMessageIntegritySha256(KEY)).isFalse();
        assertThat(plain.verifyIntegrity(KEY)).isFalse();
        assertThat(plain.verifyFingerprint()).isFalse();
    }

    @Test
    void fingerprintMustBeLast() {
        // RFC 8489 §14.7: "When present, the FINGERPRINT attribute MUST be the last attribute".
        assertThatThrownBy(() -> StunMessage.of(StunMessageType.BINDING_REQUEST, TRANSACTION_ID,
                List.of(new FingerprintAttribute(0), new UsernameAttribute("a"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FINGERPRINT must be the last");
        assertThatThrownBy(() -> request().attribute(new FingerprintAttribute(0)).fingerprint().build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderPicksRandomTransactionIds() {
        StunMessage first = StunMessage.newBuilder(StunMessageType.BINDING_REQUEST).build();
        StunMessage second = StunMessage.newBuilder(StunMessageType.BINDING_REQUEST).build();

        assertThat(first.transactionId()).hasSize(12).isNotEqualTo(second.transactionId());
        assertThat(first.encode()).hasSize(20);
        assertThatThrownBy(() -> StunMessage.newBuilder(StunMessageType.BINDING_REQUEST).transactionId(new byte[11]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messagesLongerThanTheHeaderCanAnnounceAreRefused() {
        StunMessage.Builder builder = StunMessage.newBuilder(StunMessageType.of(StunMethod.SEND, StunMessageClass.INDICATION))
                .attribute(new DataAttribute(new byte[0xFFFF - 3]))
                .attribute(new DataAttribute(new byte[8]));
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than");

        StunMessage largest = StunMessage.newBuilder(StunMessageType.of(StunMethod.SEND, StunMessageClass.INDICATION))
                .attribute(new DataAttribute(new byte[0xFFFC - 4])).build();
        assertThat(StunMessage.decode(largest.encode())).isEqualTo(largest);
        assertThat(largest.encode()).hasSize(20 + 0xFFFC);
    }
}
