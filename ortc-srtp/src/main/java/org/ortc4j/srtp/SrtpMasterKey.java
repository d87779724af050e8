package org.ortc4j.srtp;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The master key and master salt of one direction of an SRTP session (RFC 3711 §3.2.1), with the
 * profile they are for. The arrays are copied in and out, so a key held here cannot be changed.
 */
public final class SrtpMasterKey {

    private final SrtpProfile profile;
    private final byte[] key;
    private final byte[] salt;

    /**
     * @throws IllegalArgumentException if the key or salt length does not fit the profile
     */
    public SrtpMasterKey(SrtpProfile profile, byte[] key, byte[] salt) {
        this.profile = Objects.requireNonNull(profile, "profile");
        if (key.length != profile.keyLength()) {
            throw new IllegalArgumentException(profile + " needs a " + profile.keyLength() + "-byte master key, not "
                    + key.length);
        }
        if (salt.length != profile.saltLength()) {
            throw new IllegalArgumentException(profile + " needs a " + profile.saltLength() + "-byte master salt, not "
                    + salt.length);
        }
        this.key = key.clone();
        this.salt = salt.clone();
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** A copy of the master key. */
    public byte[] key() {
        return key.clone();
    }

    /** A copy of the master salt. */
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtpMasterKey other && profile == other.profile
                && MessageDigest.isEqual(key, other.key) && MessageDigest.isEqual(salt, other.salt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(profile, Arrays.hashCode(key), Arrays.hashCode(salt));
    }

    /** Names the profile only: key material stays out of logs. */
    @Override
    public String toString() {
        return "SrtpMasterKey[" + profile + "]";
    }
}
