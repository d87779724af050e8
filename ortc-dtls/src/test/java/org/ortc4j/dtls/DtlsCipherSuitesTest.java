package org.ortc4j.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.TlsUtils;
import org.junit.jupiter.api.Test;
import org.ortc4j.dtls.internal.DtlsCipherSuites;
import org.ortc4j.dtls.internal.DtlsCredentials;

/** The browsers' DTLS cipher suites, all available from the JDK's crypto. */
class DtlsCipherSuitesTest {

    @Test
    void theJdkCryptoSupportsEverySuiteWeOffer() {
        int[] offered = DtlsCipherSuites.client();

        assertThat(TlsUtils.getSupportedCipherSuites(DtlsCredentials.crypto(), offered)).containsExactly(offered);
        assertThat(offered).containsExactly(
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
                CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);
    }

    @Test
    void aServerAcceptsOnlyTheSuitesItsCertificateCanSign() {
        assertThat(java.util.Arrays.stream(DtlsCipherSuites.server(SignatureAlgorithm.ecdsa))
                .map(TlsUtils::getKeyExchangeAlgorithm).distinct().boxed().toList())
                .containsExactly(org.bouncycastle.tls.KeyExchangeAlgorithm.ECDHE_ECDSA);
        assertThat(java.util.Arrays.stream(DtlsCipherSuites.server(SignatureAlgorithm.rsa))
                .map(TlsUtils::getKeyExchangeAlgorithm).distinct().boxed().toList())
                .containsExactly(org.bouncycastle.tls.KeyExchangeAlgorithm.ECDHE_RSA);
    }
}
