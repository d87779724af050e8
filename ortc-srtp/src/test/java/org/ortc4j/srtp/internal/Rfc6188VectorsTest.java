package org.ortc4j.srtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The AES-256 test cases of RFC 6188 §7: "The test cases in this section are based on Appendix B
 * of [RFC3711]."
 *
 * <p>§7.1 checks {@link AesCounterMode} with a 256-bit key, §7.2 checks {@link KeyDerivation}
 * (AES_256_CM_PRF, which RFC 7714 §11 also requires for AEAD_AES_256_GCM). §7.3 and §7.4
 * (AES-192) are not here: ortc-srtp has no AES-192 profile. The data are copied from the RFC text
 * and were checked once against an independent AES implementation.
 */
class Rfc6188VectorsTest {

    // RFC 6188 §7.1:
    //   Keystream segment length: 1044512 octets (65282 AES blocks)
    //   Session Key:      57f82fe3613fd170a85ec93c40b1f092
    //                     2ec4cb0dc025b58272147cc438944a98
    //   Rollover Counter: 00000000
    //   Sequence Number:  0000
    //   SSRC:             00000000
    //   Session Salt:     f0f1f2f3f4f5f6f7f8f9fafbfcfd0000 (already shifted)
    //   Offset:           f0f1f2f3f4f5f6f7f8f9fafbfcfd0000
    private static final int SEGMENT_LENGTH = 1044512;
    private static final String SESSION_KEY = "57f82fe3613fd170a85ec93c40b1f092 2ec4cb0dc025b58272147cc438944a98";
    private static final String OFFSET = "f0f1f2f3f4f5f6f7f8f9fafbfcfd0000";
    /** Counter, keystream: every row §7.1 lists. */
    private static final String[][] KEYSTREAM = {
        {"f0f1f2f3f4f5f6f7f8f9fafbfcfd0000", "92bdd28a93c3f52511c677d08b5515a4"},
        {"f0f1f2f3f4f5f6f7f8f9fafbfcfd0001", "9da71b2378a854f67050756ded165bac"},
        {"f0f1f2f3f4f5f6f7f8f9fafbfcfd0002", "63c4868b7096d88421b563b8c94c9a31"},
        {"f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff", "cea518c90fd91ced9cbb18c078a54711"},
        {"f0f1f2f3f4f5f6f7f8f9fafbfcfdff00", "3dbc4814f4da5f00a08772b63c6a046d"},
        {"f0f1f2f3f4f5f6f7f8f9fafbfcfdff01", "6eb246913062a16891433e97dd01a57f"},
    };

    // RFC 6188 §7.2:
    //   master key:  f0f04914b513f2763a1b1fa130f10e29
    //                98f6f6e43e4309d1e622a0e332b9f1b6
    //   master salt: 3b04803de51ee7c96423ab5b78d2
    private static final String MASTER_KEY = "f0f04914b513f2763a1b1fa130f10e29 98f6f6e43e4309d1e622a0e332b9f1b6";
    private static final String MASTER_SALT = "3b04803de51ee7c96423ab5b78d2";
    //   x*2^16:      3b04803de51ee7c96423ab5b78d20000 (AES-256-CM input)
    //   x*2^16 + 1:  3b04803de51ee7c96423ab5b78d20001 (2nd AES input)
    //   cipher key:  5ba1064e30ec51613cad926c5a28ef73 (1st AES output)
    //                1ec7fb397f70a960653caf06554cd8c4 (2nd AES output)
    private static final String CIPHER_KEY_INPUT = "3b04803de51ee7c96423ab5b78d20000";
    private static final String CIPHER_KEY = "5ba1064e30ec51613cad926c5a28ef73 1ec7fb397f70a960653caf06554cd8c4";
    //   x*2^16:      3b04803de51ee7cb6423ab5b78d20000 (AES-256-CM input)
    //                fa31791685ca444a9e07c6c64e93ae6b (AES-256 ouptut)
    //   cipher salt: fa31791685ca444a9e07c6c64e93
    private static final String CIPHER_SALT_INPUT = "3b04803de51ee7cb6423ab5b78d20000";
    private static final String CIPHER_SALT_BLOCK = "fa31791685ca444a9e07c6c64e93ae6b";
    private static final String CIPHER_SALT = "fa31791685ca444a9e07c6c64e93";
    //   x*2^16:      3b04803de51ee7c86423ab5b78d20000 (AES-256-CM in)
    //   auth key blocks                    AES-256 input blocks
    //   fd9c32d39ed5fbb5a9dc96b30818454d   3b04803de51ee7c86423ab5b78d20000
    //   1313dc05                           3b04803de51ee7c86423ab5b78d20001
    //   auth key:    fd9c32d39ed5fbb5a9dc96b30818454d1313dc05
    private static final String AUTH_KEY_INPUT = "3b04803de51ee7c86423ab5b78d20000";
    private static final String AUTH_KEY = "fd9c32d39ed5fbb5a9dc96b30818454d1313dc05";

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    static byte[] keystream(byte[] key, byte[] iv, int length) {
        byte[] out = new byte[length];
        new AesCounterMode(key).apply(iv, out, 0, length);
        return out;
    }

    // RFC 6188 §2: "The only difference in the processing is that AES_192_CM uses AES-192, and
    // AES_256_CM uses AES-256." §7.1 gives the keystream of a 1044512-octet segment.
    @Test
    void aes256CmKeystreamHasEveryBlockSection71Lists() {
        byte[] stream = keystream(hex(SESSION_KEY), hex(OFFSET), SEGMENT_LENGTH);

        assertThat(hex(SESSION_KEY)).hasSize(32);
        for (String[] row : KEYSTREAM) {
            byte[] counter = hex(row[0]);
            assertThat(Arrays.copyOf(counter, 14)).isEqualTo(Arrays.copyOf(hex(OFFSET), 14));
            int block = ((counter[14] & 0xFF) << 8) | (counter[15] & 0xFF);
            assertThat(Arrays.copyOfRange(stream, block * 16, block * 16 + 16))
                    .as("keystream block for counter %s", row[0])
                    .isEqualTo(hex(row[1]));
        }
    }

    // RFC 6188 §7.2: "The input block for AES-256-CM is generated by exclusive-oring the master
    // salt with the concatenation of the encryption key label 0x00 with (index DIV kdr), then
    // padding on the right with two null octets ... The resulting value is then
    // AES-256-CM-encrypted using the master key to get the cipher key."
    @Test
    void cipherKeyIsSection72sThirtyTwoOctets() {
        byte[] key = KeyDerivation.derive(hex(MASTER_KEY), hex(MASTER_SALT), KeyDerivation.RTP_ENCRYPTION, 32);

        assertThat(key).isEqualTo(hex(CIPHER_KEY));
        assertThat(keystream(hex(MASTER_KEY), hex(CIPHER_KEY_INPUT), 32))
                .as("1st and 2nd AES output for inputs x*2^16 and x*2^16 + 1")
                .isEqualTo(hex(CIPHER_KEY));
    }

    // RFC 6188 §7.2: "Next, we show how the cipher salt is generated. The input block for
    // AES-256-CM is generated by exclusive-oring the master salt with the concatenation of the
    // encryption salt label. That value is padded and encrypted as above."
    @Test
    void cipherSaltIsSection72s() {
        byte[] masterKey = hex(MASTER_KEY);
        byte[] masterSalt = hex(MASTER_SALT);

        assertThat(KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.RTP_SALT, 14)).isEqualTo(hex(CIPHER_SALT));
        assertThat(KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.RTP_SALT, 16))
                .as("the whole AES-256 output block")
                .isEqualTo(hex(CIPHER_SALT_BLOCK));
        assertThat(keystream(masterKey, hex(CIPHER_SALT_INPUT), 16)).isEqualTo(hex(CIPHER_SALT_BLOCK));
    }

    // RFC 6188 §7.2: "the HMAC-SHA1 authentication function, which requires a 20-octet session
    // authentication key" ... "Note that the final AES-256 output is truncated to a 4-byte
    // length."
    @Test
    void authKeyIsSection72sTwentyOctets() {
        byte[] key = KeyDerivation.derive(hex(MASTER_KEY), hex(MASTER_SALT), KeyDerivation.RTP_AUTHENTICATION, 20);

        assertThat(key).isEqualTo(hex(AUTH_KEY));
        assertThat(keystream(hex(MASTER_KEY), hex(AUTH_KEY_INPUT), 20)).isEqualTo(hex(AUTH_KEY));
    }
}
