package org.ortc4j.srtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The test vectors of RFC 3711 Appendix B, "All values are in hexadecimal."
 *
 * <p>B.1 (AES-f8) is not here: ortc-srtp implements no f8 transform (no WebRTC profile uses it).
 * B.2 checks {@link AesCounterMode}, B.3 checks {@link KeyDerivation} and the AES-CM inputs it
 * shows. The data are copied from the RFC text and were checked once against an independent AES
 * implementation.
 */
class Rfc3711VectorsTest {

    // RFC 3711 B.2:
    //   Keystream segment length: 1044512 octets (65282 AES blocks)
    //   Session Key:      2B7E151628AED2A6ABF7158809CF4F3C
    //   Rollover Counter: 00000000
    //   Sequence Number:  0000
    //   SSRC:             00000000
    //   Session Salt:     F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000 (already shifted)
    //   Offset:           F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000
    private static final int B2_SEGMENT_LENGTH = 1044512;
    private static final String B2_SESSION_KEY = "2B7E151628AED2A6ABF7158809CF4F3C";
    private static final String B2_OFFSET = "F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000";
    /** Counter, keystream: every row B.2 lists. */
    private static final String[][] B2_KEYSTREAM = {
        {"F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000", "E03EAD0935C95E80E166B16DD92B4EB4"},
        {"F0F1F2F3F4F5F6F7F8F9FAFBFCFD0001", "D23513162B02D0F72A43A2FE4A5F97AB"},
        {"F0F1F2F3F4F5F6F7F8F9FAFBFCFD0002", "41E95B3BB0A2E8DD477901E4FCA894C0"},
        {"F0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF", "EC8CDF7398607CB0F2D21675EA9EA1E4"},
        {"F0F1F2F3F4F5F6F7F8F9FAFBFCFDFF00", "362B7C3C6773516318A077D7FC5073AE"},
        {"F0F1F2F3F4F5F6F7F8F9FAFBFCFDFF01", "6A2CC3787889374FBEB4C81B17BA6C44"},
    };

    // RFC 3711 B.3:
    //   master key:  E1F97A0D3E018BE0D64FA32C06DE4139
    //   master salt: 0EC675AD498AFEEBB6960B3AABE6
    private static final String B3_MASTER_KEY = "E1F97A0D3E018BE0D64FA32C06DE4139";
    private static final String B3_MASTER_SALT = "0EC675AD498AFEEBB6960B3AABE6";
    //   x*2^16:        0EC675AD498AFEEBB6960B3AABE60000 (AES-CM input)
    //   cipher key:    C61E7A93744F39EE10734AFE3FF7A087 (AES-CM output)
    private static final String B3_CIPHER_KEY_INPUT = "0EC675AD498AFEEBB6960B3AABE60000";
    private static final String B3_CIPHER_KEY = "C61E7A93744F39EE10734AFE3FF7A087";
    //   x*2^16:        0EC675AD498AFEE9B6960B3AABE60000 (AES-CM input)
    //                  30CBBC08863D8C85D49DB34A9AE17AC6 (AES-CM ouptut)
    //   cipher salt:   30CBBC08863D8C85D49DB34A9AE1
    private static final String B3_CIPHER_SALT_INPUT = "0EC675AD498AFEE9B6960B3AABE60000";
    private static final String B3_CIPHER_SALT_BLOCK = "30CBBC08863D8C85D49DB34A9AE17AC6";
    private static final String B3_CIPHER_SALT = "30CBBC08863D8C85D49DB34A9AE1";
    //   x*2^16:          0EC675AD498AFEEAB6960B3AABE60000 (AES-CM input)
    //   auth key                           AES input blocks
    //   CEBE321F6FF7716B6FD4AB49AF256A15   0EC675AD498AFEEAB6960B3AABE60000
    //   ...
    //   6B68642C59BBFC2F34DB60DBDFB2       0EC675AD498AFEEAB6960B3AABE60005
    private static final String B3_AUTH_KEY_INPUT = "0EC675AD498AFEEAB6960B3AABE60000";
    /** Auth key block, AES input block: every row B.3 lists. */
    private static final String[][] B3_AUTH_KEY_BLOCKS = {
        {"CEBE321F6FF7716B6FD4AB49AF256A15", "0EC675AD498AFEEAB6960B3AABE60000"},
        {"6D38BAA48F0A0ACF3C34E2359E6CDBCE", "0EC675AD498AFEEAB6960B3AABE60001"},
        {"E049646C43D9327AD175578EF7227098", "0EC675AD498AFEEAB6960B3AABE60002"},
        {"6371C10C9A369AC2F94A8C5FBCDDDC25", "0EC675AD498AFEEAB6960B3AABE60003"},
        {"6D6E919A48B610EF17C2041E47403576", "0EC675AD498AFEEAB6960B3AABE60004"},
        {"6B68642C59BBFC2F34DB60DBDFB2", "0EC675AD498AFEEAB6960B3AABE60005"},
    };

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    /** The AES-CM keystream for {@code iv}: the keystream XORed into zeros. */
    static byte[] keystream(byte[] key, byte[] iv, int length) {
        byte[] out = new byte[length];
        new AesCounterMode(key).apply(iv, out, 0, length);
        return out;
    }

    // RFC 3711 B.2: "Keystream segment length: 1044512 octets (65282 AES blocks)" ...
    // "Nota Bene: this test case is contrived so that the latter part of the keystream segment
    // coincides with the test case in Section F.5.1 of [CTR]."
    @Test
    void aesCmKeystreamHasEveryBlockAppendixB2Lists() {
        byte[] stream = keystream(hex(B2_SESSION_KEY), hex(B2_OFFSET), B2_SEGMENT_LENGTH);

        assertThat(B2_SEGMENT_LENGTH).isEqualTo(65282 * 16);
        for (String[] row : B2_KEYSTREAM) {
            byte[] counter = hex(row[0]);
            assertThat(Arrays.copyOf(counter, 14)).isEqualTo(Arrays.copyOf(hex(B2_OFFSET), 14));
            int block = ((counter[14] & 0xFF) << 8) | (counter[15] & 0xFF);
            assertThat(Arrays.copyOfRange(stream, block * 16, block * 16 + 16))
                    .as("keystream block for counter %s", row[0])
                    .isEqualTo(hex(row[1]));
        }
    }

    // RFC 3711 §4.1.1: "Each packet is encrypted with a distinct keystream segment" — the same
    // B.2 keystream, XORed into a packet at an offset of a larger array, touches nothing else.
    @Test
    void aesCmAppliesAppendixB2KeystreamAtAnOffsetOnly() {
        byte[] data = new byte[5 + 48 + 7];
        Arrays.fill(data, (byte) 0x5A);
        byte[] expected = data.clone();
        for (int i = 0; i < 48; i++) {
            expected[5 + i] ^= hex(B2_KEYSTREAM[i / 16][1])[i % 16];
        }

        new AesCounterMode(hex(B2_SESSION_KEY)).apply(hex(B2_OFFSET), data, 5, 48);

        assertThat(data).isEqualTo(expected);
    }

    // RFC 3711 B.3: "The input block for AES-CM is generated by exclusive-oring the master salt
    // with the concatenation of the encryption key label 0x00 with (index DIV kdr), then padding
    // on the right with two null octets ... The resulting value is then AES-CM- encrypted using
    // the master key to get the cipher key."
    //   cipher key:    C61E7A93744F39EE10734AFE3FF7A087 (AES-CM output)
    @Test
    void cipherKeyIsAppendixB3s() {
        byte[] key = KeyDerivation.derive(hex(B3_MASTER_KEY), hex(B3_MASTER_SALT), KeyDerivation.RTP_ENCRYPTION, 16);

        assertThat(key).isEqualTo(hex(B3_CIPHER_KEY));
        assertThat(keystream(hex(B3_MASTER_KEY), hex(B3_CIPHER_KEY_INPUT), 16))
                .as("AES-CM of the B.3 input block 0EC675AD498AFEEBB6960B3AABE60000")
                .isEqualTo(hex(B3_CIPHER_KEY));
    }

    // RFC 3711 B.3: "Next, we show how the cipher salt is generated. The input block for AES-CM is
    // generated by exclusive-oring the master salt with the concatenation of the encryption salt
    // label. That value is padded and encrypted as above."
    //                  30CBBC08863D8C85D49DB34A9AE17AC6 (AES-CM ouptut)
    //   cipher salt:   30CBBC08863D8C85D49DB34A9AE1
    @Test
    void cipherSaltIsAppendixB3s() {
        byte[] masterKey = hex(B3_MASTER_KEY);
        byte[] masterSalt = hex(B3_MASTER_SALT);

        assertThat(KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.RTP_SALT, 14))
                .isEqualTo(hex(B3_CIPHER_SALT));
        assertThat(KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.RTP_SALT, 16))
                .as("the whole AES-CM output block")
                .isEqualTo(hex(B3_CIPHER_SALT_BLOCK));
        assertThat(keystream(masterKey, hex(B3_CIPHER_SALT_INPUT), 16)).isEqualTo(hex(B3_CIPHER_SALT_BLOCK));
    }

    // RFC 3711 B.3: "We now show how the auth key is generated. The input block for AES-CM is
    // generated as above, but using the authentication key label." ... "an authentication
    // function which requires a 94-octet session authentication key."
    @Test
    void authKeyIsAppendixB3sNinetyFourOctets() {
        StringBuilder authKey = new StringBuilder();
        for (String[] row : B3_AUTH_KEY_BLOCKS) {
            authKey.append(row[0]);
        }
        byte[] expected = hex(authKey.toString());

        byte[] key = KeyDerivation.derive(hex(B3_MASTER_KEY), hex(B3_MASTER_SALT), KeyDerivation.RTP_AUTHENTICATION, 94);

        assertThat(expected).hasSize(94);
        assertThat(key).isEqualTo(expected);
        assertThat(KeyDerivation.derive(hex(B3_MASTER_KEY), hex(B3_MASTER_SALT), KeyDerivation.RTP_AUTHENTICATION, 20))
                .as("the 160-bit HMAC-SHA1 key (RFC 3711 §8.2 n_a) is the first 20 octets")
                .isEqualTo(Arrays.copyOf(expected, 20));
    }

    // RFC 3711 B.3: "Below, the auth key is shown on the left, while the corresponding AES input
    // blocks are shown on the right." Each input block is the x*2^16 block plus the block counter.
    @Test
    void authKeyBlocksComeFromAppendixB3sAesInputBlocks() {
        byte[] masterKey = hex(B3_MASTER_KEY);
        byte[] stream = keystream(masterKey, hex(B3_AUTH_KEY_INPUT), 94);
        for (int j = 0; j < B3_AUTH_KEY_BLOCKS.length; j++) {
            byte[] block = hex(B3_AUTH_KEY_BLOCKS[j][0]);
            byte[] input = hex(B3_AUTH_KEY_BLOCKS[j][1]);

            assertThat(Arrays.copyOf(input, 14)).isEqualTo(Arrays.copyOf(hex(B3_AUTH_KEY_INPUT), 14));
            assertThat(((input[14] & 0xFF) << 8) | (input[15] & 0xFF)).isEqualTo(j);
            assertThat(Arrays.copyOfRange(stream, j * 16, j * 16 + block.length))
                    .as("auth key block for AES input %s", B3_AUTH_KEY_BLOCKS[j][1])
                    .isEqualTo(block);
        }
    }
}
