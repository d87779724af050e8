package org.ortc4j.dtls.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;

/**
 * An AEAD cipher of the JDK as Bouncy Castle's TLS record layer uses one: a key set once, a nonce
 * per record, additional data and one {@code doFinal}. Subclasses say which JDK cipher and how
 * the nonce becomes its parameters.
 */
abstract class JdkAeadCipher implements TlsAEADCipherImpl {

    /** Both suites this serves (RFC 5288 §3, RFC 8439 §2.8) have a 16-byte tag. */
    static final int TAG_LENGTH = 16;

    private final Cipher cipher;
    private final int mode;
    private final String keyAlgorithm;
    private SecretKeySpec key;

    JdkAeadCipher(String transformation, String keyAlgorithm, boolean encrypting) throws GeneralSecurityException {
        this.cipher = Cipher.getInstance(transformation);
        this.keyAlgorithm = keyAlgorithm;
        this.mode = encrypting ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
    }

    /** Whether {@code keyLength} bytes is a key size of this cipher. */
    abstract boolean validKeyLength(int keyLength);

    /** The JDK parameters for one record's nonce. */
    abstract AlgorithmParameterSpec parameters(byte[] nonce, int macSize) throws IOException;

    @Override
    public final void setKey(byte[] keyBytes, int keyOff, int keyLen) {
        if (!validKeyLength(keyLen)) {
            throw new IllegalStateException(keyAlgorithm + " does not take a key of " + keyLen + " bytes");
        }
        this.key = new SecretKeySpec(keyBytes, keyOff, keyLen, keyAlgorithm);
    }

    @Override
    public final void init(byte[] nonce, int macSize) throws IOException {
        if (macSize != TAG_LENGTH) {
            throw new TlsFatalAlert(AlertDescription.internal_error, keyAlgorithm + " suites have a 16-byte tag");
        }
        try {
            cipher.init(mode, key, parameters(nonce, macSize));
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, e);
        }
    }

    @Override
    public final int getOutputSize(int inputLength) {
        return mode == Cipher.ENCRYPT_MODE ? inputLength + TAG_LENGTH : Math.max(0, inputLength - TAG_LENGTH);
    }

    @Override
    public final int doFinal(byte[] additionalData, byte[] input, int inputOffset, int inputLength, byte[] output,
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
