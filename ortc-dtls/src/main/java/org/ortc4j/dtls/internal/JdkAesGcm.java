package org.ortc4j.dtls.internal;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-GCM (RFC 5288) for Bouncy Castle's TLS record layer, straight on the JDK's
 * {@code AES/GCM/NoPadding}. Bouncy Castle's JCA crypto does the same through an
 * {@code AlgorithmParameters} looked up by name and filled per record, which costs about as much
 * as encrypting a 1,100-byte record; a {@link GCMParameterSpec} per record costs nothing, so a busy
 * data channel spends its CPU on AES instead of on provider lookups.
 */
final class JdkAesGcm extends JdkAeadCipher {

    JdkAesGcm(boolean encrypting) throws GeneralSecurityException {
        super("AES/GCM/NoPadding", "AES", encrypting);
    }

    @Override
    boolean validKeyLength(int keyLength) {
        return keyLength == 16 || keyLength == 32;
    }

    @Override
    AlgorithmParameterSpec parameters(byte[] nonce, int macSize) {
        return new GCMParameterSpec(macSize * 8, nonce);
    }
}
