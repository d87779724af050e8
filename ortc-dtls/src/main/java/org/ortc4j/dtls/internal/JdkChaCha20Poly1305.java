package org.ortc4j.dtls.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;

/**
 * The AEAD_CHACHA20_POLY1305 of RFC 8439 §2.8 for Bouncy Castle's TLS record layer, from the
 * JDK's {@code ChaCha20-Poly1305} cipher. Bouncy Castle's JCA crypto builds ChaCha20-Poly1305
 * from separate {@code ChaCha7539} and {@code Poly1305} services, which the JDK providers do not
 * offer, so without this the RFC 7905 suites would not be negotiable with the JDK's crypto.
 */
public final class JdkChaCha20Poly1305 implements TlsAEADCipherImpl {

    /** RFC 8439 §2.8: a 16-byte tag. */
    public static final int TAG_LENGTH = 16;

    private final Cipher cipher;
    private final int mode;
    private SecretKeySpec key;

    /** @throws GeneralSecurityException if the JDK has no ChaCha20-Poly1305 */
    public JdkChaCha20Poly1305(boolean encrypting) throws GeneralSecurityException {
        this.cipher = Cipher.getInstance("ChaCha20-Poly1305");
        this.mode = encrypting ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
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
    public void setKey(byte[] keyBytes, int keyOff, int keyLen) {
        if (keyLen != 32) {
            throw new IllegalStateException("ChaCha20 takes a 256-bit key, not " + keyLen + " bytes");
        }
        this.key = new SecretKeySpec(keyBytes, keyOff, keyLen, "ChaCha20");
    }

    @Override
    public void init(byte[] nonce, int macSize) throws IOException {
        if (macSize != TAG_LENGTH) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "ChaCha20-Poly1305 has a 16-byte tag");
        }
        try {
            cipher.init(mode, key, new IvParameterSpec(nonce));
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, e);
        }
    }

    @Override
    public int getOutputSize(int inputLength) {
        return mode == Cipher.ENCRYPT_MODE ? inputLength + TAG_LENGTH : Math.max(0, inputLength - TAG_LENGTH);
    }

    @Override
    public int doFinal(byte[] additionalData, byte[] input, int inputOffset, int inputLength, byte[] output,
            int outputOffset) throws IOException {
        try {
            if (additionalData != null && additionalData.length > 0) {
                cipher.updateAAD(additionalData);
            }
            return cipher.doFinal(input, inputOffset, inputLength, output, outputOffset);
        } catch (AEADBadTagException e) {
            // RFC 5246 §6.2.3.3: a record that fails to decrypt is a bad_record_mac, which the
            // DTLS record layer discards silently.
            throw new TlsFatalAlert(AlertDescription.bad_record_mac, e);
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, e);
        }
    }
}
