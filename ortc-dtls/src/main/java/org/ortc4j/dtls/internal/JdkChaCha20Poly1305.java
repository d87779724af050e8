package org.ortc4j.dtls.internal;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;

/**
 * The AEAD_CHACHA20_POLY1305 of RFC 8439 §2.8 for Bouncy Castle's TLS record layer, from the
 * JDK's {@code ChaCha20-Poly1305} cipher. Bouncy Castle's JCA crypto builds ChaCha20-Poly1305
 * from separate {@code ChaCha7539} and {@code Poly1305} services, which the JDK providers do not
 * offer, so without this the RFC 7905 suites would not be negotiable with the JDK's crypto.
 */
public final class JdkChaCha20Poly1305 extends JdkAeadCipher {

    /** RFC 8439 §2.8: a 16-byte tag. */
    public static final int TAG_LENGTH = JdkAeadCipher.TAG_LENGTH;

    /** @throws GeneralSecurityException if the JDK has no ChaCha20-Poly1305 */
    public JdkChaCha20Poly1305(boolean encrypting) throws GeneralSecurityException {
        super("ChaCha20-Poly1305", "ChaCha20", encrypting);
    }

    /** Whether the running JDK offers the cipher. */
    public static boolean isAvailable() {
        try {
            Cipher.getInstance("ChaCha20-Poly1305");
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    boolean validKeyLength(int keyLength) {
        return keyLength == 32;
    }

    @Override
    AlgorithmParameterSpec parameters(byte[] nonce, int macSize) {
        return new IvParameterSpec(nonce);
    }
}
