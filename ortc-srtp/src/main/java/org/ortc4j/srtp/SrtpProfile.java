package org.ortc4j.srtp;

import java.util.Optional;

/**
 * An SRTP protection profile: the cipher, the authentication and the key sizes, with its DTLS-SRTP
 * protection profile id (RFC 5764 §4.1.2, RFC 7714 §14.2).
 */
public enum SrtpProfile {
    /** RFC 3711 §4.1.1 AES-CM with a 128-bit key, HMAC-SHA1 with an 80-bit tag (RFC 5764 SRTP_AES128_CM_HMAC_SHA1_80). */
    AES_CM_128_HMAC_SHA1_80(0x0001, 16, 14, 10, 10),
    /**
     * As {@link #AES_CM_128_HMAC_SHA1_80} with a 32-bit RTP tag; SRTCP keeps the 80-bit tag
     * (RFC 5764 §4.1.2: "SRTCP auth tag length is 80 bits").
     */
    AES_CM_128_HMAC_SHA1_32(0x0002, 16, 14, 4, 10),
    /** RFC 7714 AEAD_AES_128_GCM: 128-bit key, 96-bit salt, 128-bit tag (SRTP_AEAD_AES_128_GCM). */
    AEAD_AES_128_GCM(0x0007, 16, 12, 16, 16),
    /** RFC 7714 AEAD_AES_256_GCM: 256-bit key, 96-bit salt, 128-bit tag (SRTP_AEAD_AES_256_GCM). */
    AEAD_AES_256_GCM(0x0008, 32, 12, 16, 16),
    /** RFC 6188 AES-256 counter mode with HMAC-SHA1-80; no DTLS-SRTP profile id is assigned to it. */
    AES_256_CM_HMAC_SHA1_80(-1, 32, 14, 10, 10);

    private final int protectionProfileId;
    private final int keyLength;
    private final int saltLength;
    private final int rtpTagLength;
    private final int rtcpTagLength;

    SrtpProfile(int protectionProfileId, int keyLength, int saltLength, int rtpTagLength, int rtcpTagLength) {
        this.protectionProfileId = protectionProfileId;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.rtpTagLength = rtpTagLength;
        this.rtcpTagLength = rtcpTagLength;
    }

    /** The DTLS-SRTP protection profile id of the use_srtp extension, if one is assigned. */
    public Optional<Integer> protectionProfileId() {
        return protectionProfileId < 0 ? Optional.empty() : Optional.of(protectionProfileId);
    }

    /** The master key length in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /** The master salt length in bytes: 14 for AES-CM, 12 for AES-GCM. */
    public int saltLength() {
        return saltLength;
    }

    /** The bytes an SRTP packet grows by: the authentication tag. */
    public int rtpTagLength() {
        return rtpTagLength;
    }

    /** The authentication tag length of SRTCP (the E flag and index add 4 bytes more). */
    public int rtcpTagLength() {
        return rtcpTagLength;
    }

    /** Whether this is an AEAD (AES-GCM) profile, RFC 7714. */
    public boolean isAead() {
        return this == AEAD_AES_128_GCM || this == AEAD_AES_256_GCM;
    }

    /** The profile with DTLS-SRTP id {@code id}, if this library implements it. */
    public static Optional<SrtpProfile> fromProtectionProfileId(int id) {
        for (SrtpProfile profile : values()) {
            if (profile.protectionProfileId == id && id >= 0) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }
}
