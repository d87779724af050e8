package org.ortc4j.ice.stun;

import java.util.HexFormat;

/**
 * The sample messages of RFC 5769 §2 (and RFC 8489 Appendix B.1), byte for byte as the RFCs
 * print them. Padding bytes are as in the RFCs: 0x20 after USERNAME in §2.1 and after SOFTWARE in
 * §2.2 and §2.3, zeros elsewhere.
 */
final class Rfc5769Vectors {

    private Rfc5769Vectors() {
    }

    /** RFC 5769 §2: the password of §2.1, §2.2 and §2.3. */
    static final String SHORT_TERM_PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";

    static final byte[] TRANSACTION_ID = hex("b7e7a701 bc34d686 fa87dfae");

    /** RFC 5769 §2.1 Sample Request. */
    static final byte[] REQUEST = hex(
            "00010058" // Request type and message length
            + "2112a442" // Magic cookie
            + "b7e7a701 bc34d686 fa87dfae" // Transaction ID
            + "80220010" // SOFTWARE attribute header
            + "5354554e 20746573 7420636c 69656e74" // "STUN test client"
            + "00240004" // PRIORITY attribute header
            + "6e0001ff" // ICE priority value
            + "80290008" // ICE-CONTROLLED attribute header
            + "932ff9b1 51263b36" // tie breaker
            + "00060009" // USERNAME attribute header
            + "6576746a 3a683676 59202020" // "evtj:h6vY" and padding (3 bytes of 0x20)
            + "00080014" // MESSAGE-INTEGRITY attribute header
            + "9aeaa70c bfd8cb56 781ef2b5 b2d3f249 c1b571a2" // HMAC-SHA1
            + "80280004" // FINGERPRINT attribute header
            + "e57a3bcf"); // CRC32 fingerprint

    /** RFC 5769 §2.2 Sample IPv4 Response. */
    static final byte[] IPV4_RESPONSE = hex(
            "0101003c" // Response type and message length
            + "2112a442" // Magic cookie
            + "b7e7a701 bc34d686 fa87dfae" // Transaction ID
            + "8022000b" // SOFTWARE attribute header
            + "74657374 20766563 746f7220" // "test vector" and padding (one 0x20)
            + "00200008" // XOR-MAPPED-ADDRESS attribute header
            + "0001a147 e112a643" // family IPv4, X-Port, X-Address
            + "00080014" // MESSAGE-INTEGRITY attribute header
            + "2b91f599 fd9e90c3 8c7489f9 2af9ba53 f06be7d7" // HMAC-SHA1
            + "80280004" // FINGERPRINT attribute header
            + "c07d4c96"); // CRC32 fingerprint

    /** RFC 5769 §2.3 Sample IPv6 Response. */
    static final byte[] IPV6_RESPONSE = hex(
            "01010048" // Response type and message length
            + "2112a442" // Magic cookie
            + "b7e7a701 bc34d686 fa87dfae" // Transaction ID
            + "8022000b" // SOFTWARE attribute header
            + "74657374 20766563 746f7220" // "test vector" and padding (one 0x20)
            + "00200014" // XOR-MAPPED-ADDRESS attribute header
            + "0002a147" // family IPv6, X-Port
            + "0113a9fa a5d3f179 bc25f4b5 bed2b9d9" // X-Address
            + "00080014" // MESSAGE-INTEGRITY attribute header
            + "a382954e 4be67bf1 1784c97c 8292c275 bfe3ed41" // HMAC-SHA1
            + "80280004" // FINGERPRINT attribute header
            + "c8fb0b4c"); // CRC32 fingerprint

    /** RFC 5769 §2.4: the username, six katakana characters. */
    static final String LONG_TERM_USERNAME = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
    /** RFC 5769 §2.4: "TheMatrIX", the password after SASLprep (before: "The\u00ADM\u00AAtr\u2168"). */
    static final String LONG_TERM_PASSWORD = "TheMatrIX";
    static final String NONCE = "f//499k954d6OL34oL9FSTvy64sA";
    static final String REALM = "example.org";
    static final byte[] LONG_TERM_TRANSACTION_ID = hex("78ad3433 c6ad72c0 29da412e");

    /** RFC 5769 §2.4 Sample Request with Long-Term Authentication. */
    static final byte[] LONG_TERM_REQUEST = hex(
            "00010060" // Request type and message length
            + "2112a442" // Magic cookie
            + "78ad3433 c6ad72c0 29da412e" // Transaction ID
            + "00060012" // USERNAME attribute header
            + "e3839ee3 8388e383 aae38383 e382afe3 82b90000" // username (18 bytes) and padding (2 bytes)
            + "0015001c" // NONCE attribute header
            + "662f2f34 39396b39 35346436 4f4c3334 6f4c3946 53547679 36347341" // nonce
            + "0014000b" // REALM attribute header
            + "6578616d 706c652e 6f726700" // "example.org" and padding (1 byte)
            + "00080014" // MESSAGE-INTEGRITY attribute header
            + "f6702465 6dd64a3e 02b8e071 2e85c9a2 8ca89666"); // HMAC-SHA1

    /** RFC 8489 Appendix B.1: the nonce. */
    static final String SHA256_NONCE = "obMatJos2AAACf//499k954d6OL34oL9FSTvy64sA";

    /** RFC 8489 Appendix B.1 Sample Request with Long-Term Authentication with MESSAGE-INTEGRITY-SHA256 and USERHASH. */
    static final byte[] SHA256_REQUEST = hex(
            "00010088" // Request type and message length
            + "2112a442" // Magic cookie
            + "78ad3433 c6ad72c0 29da412e" // Transaction ID
            + "001e0020" // USERHASH attribute header
            + "4a3cf38f ef6992bd a952c678 0417da0f 24819415 569e60b2 05c46e41 407f1704" // userhash
            + "00150029" // NONCE attribute header
            + "6f624d61 744a6f73 32414141 43662f2f 3439396b 39353464 364f4c33 346f4c39 46535476 79363473 41000000"
            + "0014000b" // REALM attribute header
            + "6578616d 706c652e 6f726700" // "example.org" and padding
            + "001c0020" // MESSAGE-INTEGRITY-SHA256 attribute header
            + "fd8c2738 60d2e18e bca4c89b 6973befa 7ee8ecc6 9e9642db 326fab65 a0b955ba"); // HMAC-SHA256

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    /** A copy of {@code message} with every attribute's padding bytes set to zero. */
    static byte[] zeroPadding(byte[] message) {
        byte[] out = message.clone();
        int position = StunMessage.HEADER_LENGTH;
        while (position < out.length) {
            int length = ((out[position + 2] & 0xFF) << 8) | (out[position + 3] & 0xFF);
            int padded = (length + 3) & ~3;
            for (int i = position + 4 + length; i < position + 4 + padded; i++) {
                out[i] = 0;
            }
            position += 4 + padded;
        }
        return out;
    }
}
