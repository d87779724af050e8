package org.ortc4j.srtp.internal;

import org.ortc4j.srtp.SrtpMasterKey;
import org.ortc4j.srtp.SrtpProfile;

/**
 * The six session keys of RFC 3711 §4.3.1 for one master key: encryption key, authentication key
 * and salt, for SRTP and for SRTCP. AES-GCM profiles have no authentication keys (RFC 7714 §11):
 * those are {@code null}.
 */
public record SessionKeys(SrtpProfile profile, byte[] rtpKey, byte[] rtpAuthKey, byte[] rtpSalt,
        byte[] rtcpKey, byte[] rtcpAuthKey, byte[] rtcpSalt) {

    /**
     * Derives the session keys with the SRTP KDF, with the session key lengths of RFC 3711 §8.2
     * (n_e = the master key length, n_a = 160 bits, n_s = 112 bits) or, for AES-GCM, RFC 7714 §11
     * (n_s = 96 bits, no authentication key).
     */
    public static SessionKeys derive(SrtpMasterKey master) {
        SrtpProfile profile = master.profile();
        byte[] key = master.key();
        byte[] salt = master.salt();
        int keyLength = profile.keyLength();
        int saltLength = profile.isAead() ? 12 : 14;
        return new SessionKeys(profile,
                KeyDerivation.derive(key, salt, KeyDerivation.RTP_ENCRYPTION, keyLength),
                profile.isAead() ? null : KeyDerivation.derive(key, salt, KeyDerivation.RTP_AUTHENTICATION, 20),
                KeyDerivation.derive(key, salt, KeyDerivation.RTP_SALT, saltLength),
                KeyDerivation.derive(key, salt, KeyDerivation.RTCP_ENCRYPTION, keyLength),
                profile.isAead() ? null : KeyDerivation.derive(key, salt, KeyDerivation.RTCP_AUTHENTICATION, 20),
                KeyDerivation.derive(key, salt, KeyDerivation.RTCP_SALT, saltLength));
    }
}
