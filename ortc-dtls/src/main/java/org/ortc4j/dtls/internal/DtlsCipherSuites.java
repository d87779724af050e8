package org.ortc4j.dtls.internal;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.SignatureAlgorithm;

/**
 * The cipher suites browsers negotiate for WebRTC: ECDHE with AES-GCM or ChaCha20-Poly1305, for
 * ECDSA and RSA certificates (all AEAD, all forward-secret).
 */
public final class DtlsCipherSuites {

    private static final int[] ECDSA = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    };

    private static final int[] RSA = {
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    };

    private DtlsCipherSuites() {
    }

    /** What a client offers: all six, ECDSA first (the server's certificate decides which apply). */
    public static int[] client() {
        int[] all = new int[ECDSA.length + RSA.length];
        System.arraycopy(ECDSA, 0, all, 0, ECDSA.length);
        System.arraycopy(RSA, 0, all, ECDSA.length, RSA.length);
        return all;
    }

    /** What a server accepts: the three its certificate's key can sign for. */
    public static int[] server(short signatureAlgorithm) {
        return (signatureAlgorithm == SignatureAlgorithm.rsa ? RSA : ECDSA).clone();
    }
}
