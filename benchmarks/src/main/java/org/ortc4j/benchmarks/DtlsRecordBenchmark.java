package org.ortc4j.benchmarks;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.SplittableRandom;
import java.util.Vector;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.ortc4j.dtls.RTCCertificate;
import org.ortc4j.dtls.RTCDtlsFingerprint;
import org.ortc4j.dtls.internal.WebRtcTlsCrypto;

/**
 * DTLS 1.2 application data: one record sealed by one endpoint and opened by the other, per
 * cipher suite, against the bare JCA AEAD work for the same payload in the same run.
 *
 * <p>{@code RTCDtlsTransport} does not let its user pick a cipher suite (it offers the browsers'
 * suites and the peer chooses), so this benchmark runs Bouncy Castle's DTLS as ortc-dtls
 * configures it (its {@code WebRtcTlsCrypto}: Bouncy Castle's JCA crypto with the record ciphers
 * straight on the JDK's AEAD ciphers; ECDSA P-256 certificates from {@link RTCCertificate}, mutual
 * authentication, use_srtp, extended master secret) over an in-memory {@link DatagramTransport}
 * pair ({@link MemoryLink}), with the client offering the one suite of {@link #suite}. With
 * {@code crypto=bc-jca} it runs Bouncy Castle's stock {@code JcaTlsCrypto} instead (on the Bouncy
 * Castle provider for ChaCha20-Poly1305, which the stock crypto cannot build from the JDK's
 * providers), to show what ortc-dtls's record ciphers save.
 *
 * <p>Baseline ({@link #jcaAeadSealOpen}): the JCA AEAD of the same suite seals and opens the same
 * payload the way a DTLS 1.2 record does (RFC 5288 §3 and RFC 7905 §2 nonces, the 13-byte
 * additional data of RFC 6347 §4.1.2.1), a new nonce per record, nothing else.
 *
 * <p>Set-up fails the run unless the handshake selected {@link #suite} and a first record
 * arrives intact.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DtlsRecordBenchmark {

    /** One established DTLS association per suite. */
    @State(Scope.Thread)
    public static class Association {

        @Param({"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"})
        public String suite;

        /**
         * Application data per record: an SCTP packet of a data channel. 1100 bytes fit in one record
         * of a 1200-byte datagram (ortc-dtls's default MTU) with every suite: AES-GCM adds 37 bytes.
         */
        @Param({"1100"})
        public int payloadSize;

        /** {@code ortc-dtls}: ortc-dtls's crypto; {@code bc-jca}: Bouncy Castle's stock JCA crypto. */
        @Param({"ortc-dtls", "bc-jca"})
        public String crypto;

        BarePair pair;
        byte[] payload;
        byte[] received;

        @Setup
        public void handshake() throws Exception {
            int id = suiteId(suite);
            JcaTlsCrypto tlsCrypto;
            if (crypto.equals("ortc-dtls")) {
                tlsCrypto = WebRtcTlsCrypto.create();
            } else {
                tlsCrypto = id == CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
                        ? bouncyCastleProviderCrypto() : jdkCrypto();
            }
            pair = BarePair.handshake(tlsCrypto, RTCCertificate.generate(), RTCCertificate.generate(), new int[] {id});
            require(pair.selectedSuite == id, "the handshake selected suite " + pair.selectedSuite + ", not " + suite);
            payload = bytes(new SplittableRandom(7), payloadSize);
            received = new byte[pair.server.getReceiveLimit()];
            require(payloadSize <= pair.client.getSendLimit(), "a " + payloadSize + "-byte payload does not fit in one record of a "
                    + MemoryLink.MTU + "-byte datagram (send limit " + pair.client.getSendLimit() + ")");
            int n = sendAndReceive();
            require(n == payloadSize && Arrays.equals(received, 0, payloadSize, payload, 0, payloadSize),
                    "the first record did not arrive intact (" + n + " bytes)");
        }

        int sendAndReceive() throws IOException {
            pair.client.send(payload, 0, payload.length);
            return pair.server.receive(received, 0, received.length, 1000);
        }

        @TearDown
        public void close() throws IOException {
            pair.close();
        }
    }

    /** The JCA AEAD of the same suite, with keys of the suite's size. */
    @State(Scope.Thread)
    public static class Baseline {

        @Param({"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"})
        public String suite;

        @Param({"1100"})
        public int payloadSize;

        BareAead aead;
        byte[] payload;
        byte[] record;
        byte[] opened;
        long sequence;

        @Setup
        public void keys() throws GeneralSecurityException {
            aead = new BareAead(suiteId(suite), new SplittableRandom(11));
            payload = bytes(new SplittableRandom(7), payloadSize);
            record = new byte[BareAead.EXPLICIT_NONCE + payloadSize + BareAead.TAG];
            opened = new byte[payloadSize];
            require(sealOpen() == payloadSize && Arrays.equals(opened, payload), "the baseline does not open what it seals");
        }

        int sealOpen() throws GeneralSecurityException {
            long seq = sequence++;
            int length = aead.seal(seq, payload, record);
            return aead.open(seq, record, length, opened);
        }
    }

    @Benchmark
    public int bcDtlsSendReceive(Association association) throws IOException {
        return association.sendAndReceive();
    }

    @Benchmark
    public int jcaAeadSealOpen(Baseline baseline) throws GeneralSecurityException {
        return baseline.sealOpen();
    }

    static int suiteId(String name) {
        return switch (name) {
            case "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" -> CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
            case "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384" -> CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384;
            case "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256" -> CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256;
            default -> throw new IllegalArgumentException("not a suite this benchmark knows: " + name);
        };
    }

    /** Bouncy Castle's stock TLS crypto on the JDK's providers. */
    static JcaTlsCrypto jdkCrypto() {
        return new JcaTlsCryptoProvider().create(new SecureRandom());
    }

    /** Bouncy Castle's TLS crypto on the Bouncy Castle provider (which has ChaCha20 and Poly1305). */
    static JcaTlsCrypto bouncyCastleProviderCrypto() {
        return new JcaTlsCryptoProvider().setProvider(new BouncyCastleProvider()).create(new SecureRandom());
    }

    static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt();
        }
        return b;
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    /**
     * Two {@link DatagramTransport}s joined in memory: what one sends, the other receives, whole
     * and in order. Thread-safe, so that the two sides of a handshake may run on two threads.
     */
    static final class MemoryLink implements DatagramTransport {

        static final int MTU = 1200;

        private final LinkedBlockingQueue<byte[]> inbound;
        private final LinkedBlockingQueue<byte[]> outbound;

        private MemoryLink(LinkedBlockingQueue<byte[]> inbound, LinkedBlockingQueue<byte[]> outbound) {
            this.inbound = inbound;
            this.outbound = outbound;
        }

        /** A joined pair: {@code [0]} sends to {@code [1]} and back. */
        static MemoryLink[] pair() {
            LinkedBlockingQueue<byte[]> ab = new LinkedBlockingQueue<>();
            LinkedBlockingQueue<byte[]> ba = new LinkedBlockingQueue<>();
            return new MemoryLink[] {new MemoryLink(ba, ab), new MemoryLink(ab, ba)};
        }

        @Override
        public int getReceiveLimit() {
            return MTU;
        }

        @Override
        public int getSendLimit() {
            return MTU;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            try {
                byte[] datagram = inbound.poll(waitMillis, TimeUnit.MILLISECONDS);
                if (datagram == null) {
                    return -1;
                }
                int n = Math.min(len, datagram.length);
                System.arraycopy(datagram, 0, buf, off, n);
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) {
            outbound.add(Arrays.copyOfRange(buf, off, off + len));
        }

        @Override
        public void close() {
        }
    }

    /**
     * A DTLS 1.2 client and server of Bouncy Castle configured as ortc-dtls configures them, after
     * a handshake over a {@link MemoryLink}: each checks the other's certificate against its
     * SHA-256 fingerprint ({@link RTCCertificate#matches}), the server asks for the client's
     * certificate and refuses an empty one, use_srtp offers SRTP_AEAD_AES_128_GCM and
     * SRTP_AES128_CM_HMAC_SHA1_80, and both export the DTLS-SRTP keying material.
     */
    static final class BarePair {

        private static final int[] SRTP_PROFILES = {
            SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM, SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80};

        DTLSTransport client;
        DTLSTransport server;
        int selectedSuite;
        byte[] clientKeyingMaterial;
        byte[] serverKeyingMaterial;

        /** Runs the handshake: the server on a thread of its own, the client on the caller's. */
        static BarePair handshake(JcaTlsCrypto crypto, RTCCertificate clientCertificate,
                RTCCertificate serverCertificate, int[] clientSuites) throws Exception {
            MemoryLink[] link = MemoryLink.pair();
            BareServer tlsServer = new BareServer(crypto, serverCertificate, clientCertificate.fingerprint("sha-256"));
            BareClient tlsClient = new BareClient(crypto, clientCertificate, serverCertificate.fingerprint("sha-256"),
                    clientSuites);
            CompletableFuture<DTLSTransport> accepted = new CompletableFuture<>();
            Thread serverThread = new Thread(() -> {
                try {
                    accepted.complete(new DTLSServerProtocol().accept(tlsServer, link[1]));
                } catch (Throwable e) {
                    accepted.completeExceptionally(e);
                }
            }, "dtls-bench-server");
            serverThread.setDaemon(true);
            serverThread.start();
            BarePair pair = new BarePair();
            pair.client = new DTLSClientProtocol().connect(tlsClient, link[0]);
            pair.server = accepted.get(10, TimeUnit.SECONDS);
            pair.selectedSuite = tlsClient.selectedSuite;
            pair.clientKeyingMaterial = tlsClient.keyingMaterial;
            pair.serverKeyingMaterial = tlsServer.keyingMaterial;
            require(Arrays.equals(pair.clientKeyingMaterial, pair.serverKeyingMaterial),
                    "client and server exported different keying material");
            return pair;
        }

        void close() throws IOException {
            client.close();
            server.close();
        }
    }

    private static SignatureAndHashAlgorithm sha256(RTCCertificate certificate) {
        short signature = certificate.keyType() == RTCCertificate.KeyType.RSA_2048 ? SignatureAlgorithm.rsa
                : SignatureAlgorithm.ecdsa;
        return SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, signature);
    }

    private static Certificate chain(JcaTlsCrypto crypto, RTCCertificate certificate) throws IOException {
        return new Certificate(new TlsCertificate[] {crypto.createCertificate(certificate.encoded())});
    }

    private static void checkFingerprint(Certificate chain, RTCDtlsFingerprint expected) throws IOException {
        if (chain == null || chain.isEmpty() || !RTCCertificate.matches(expected, chain.getCertificateAt(0).getEncoded())) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate);
        }
    }

    // Bouncy Castle's extension tables are raw Hashtables.
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class BareServer extends DefaultTlsServer {
        private final JcaTlsCrypto crypto;
        private final RTCCertificate certificate;
        private final RTCDtlsFingerprint clientFingerprint;
        private int srtpProfile = -1;
        byte[] keyingMaterial;

        BareServer(JcaTlsCrypto crypto, RTCCertificate certificate, RTCDtlsFingerprint clientFingerprint) {
            super(crypto);
            this.crypto = crypto;
            this.certificate = certificate;
            this.clientFingerprint = clientFingerprint;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return TlsUtils.getSupportedCipherSuites(getCrypto(), new int[] {
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384});
        }

        @Override
        protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
            return signer();
        }

        @Override
        protected TlsCredentialedSigner getRSASignerCredentials() throws IOException {
            return signer();
        }

        private TlsCredentialedSigner signer() throws IOException {
            return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                    certificate.privateKey(), chain(crypto, certificate), sha256(certificate));
        }

        @Override
        public CertificateRequest getCertificateRequest() {
            short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
            return new CertificateRequest(types, TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
        }

        @Override
        public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
            checkFingerprint(clientCertificate, clientFingerprint);
        }

        @Override
        public void processClientExtensions(Hashtable clientExtensions) throws IOException {
            super.processClientExtensions(clientExtensions);
            UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
            if (offered != null) {
                for (int ours : BarePair.SRTP_PROFILES) {
                    for (int theirs : offered.getProtectionProfiles()) {
                        if (ours == theirs && srtpProfile < 0) {
                            srtpProfile = ours;
                        }
                    }
                }
            }
            if (srtpProfile < 0) {
                throw new TlsFatalAlert(AlertDescription.handshake_failure);
            }
        }

        @Override
        public Hashtable getServerExtensions() throws IOException {
            Hashtable extensions = super.getServerExtensions();
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {srtpProfile}, TlsUtils.EMPTY_BYTES));
            return extensions;
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            keyingMaterial = context.exportKeyingMaterial("EXTRACTOR-dtls_srtp", null, 60);
        }
    }

    // Bouncy Castle's extension tables are raw Hashtables.
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class BareClient extends DefaultTlsClient {
        private final JcaTlsCrypto crypto;
        private final RTCCertificate certificate;
        private final RTCDtlsFingerprint serverFingerprint;
        private final int[] suites;
        int selectedSuite = -1;
        byte[] keyingMaterial;

        BareClient(JcaTlsCrypto crypto, RTCCertificate certificate, RTCDtlsFingerprint serverFingerprint, int[] suites) {
            super(crypto);
            this.crypto = crypto;
            this.certificate = certificate;
            this.serverFingerprint = serverFingerprint;
            this.suites = suites;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return TlsUtils.getSupportedCipherSuites(getCrypto(), suites);
        }

        @Override
        public Hashtable getClientExtensions() throws IOException {
            Hashtable extensions = super.getClientExtensions();
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(BarePair.SRTP_PROFILES, TlsUtils.EMPTY_BYTES));
            return extensions;
        }

        @Override
        public void notifySelectedCipherSuite(int selectedCipherSuite) {
            super.notifySelectedCipherSuite(selectedCipherSuite);
            selectedSuite = selectedCipherSuite;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    checkFingerprint(serverCertificate.getCertificate(), serverFingerprint);
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                    return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                            certificate.privateKey(), chain(crypto, certificate), sha256(certificate));
                }
            };
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            keyingMaterial = context.exportKeyingMaterial("EXTRACTOR-dtls_srtp", null, 60);
        }
    }

    /**
     * The AEAD of a DTLS 1.2 record on bare JCA: AES-GCM with a 4-byte implicit salt and an
     * 8-byte explicit nonce carried in the record (RFC 5288 §3), or ChaCha20-Poly1305 with a
     * 12-byte IV XORed with the padded sequence number (RFC 7905 §2); the additional data is
     * {@code seq_num(8) + type(1) + version(2) + length(2)} (RFC 5246 §6.2.3.3, RFC 6347 §4.1.2.1).
     */
    static final class BareAead {
        static final int EXPLICIT_NONCE = 8;
        static final int TAG = 16;

        private final boolean chacha;
        private final SecretKeySpec key;
        private final byte[] salt;
        private final Cipher sealer;
        private final Cipher opener;
        private final byte[] nonce = new byte[12];
        private final byte[] aad = new byte[13];

        BareAead(int suite, SplittableRandom random) throws GeneralSecurityException {
            chacha = suite == CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256;
            int keyLength = suite == CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 ? 16 : 32;
            key = new SecretKeySpec(bytes(random, keyLength), chacha ? "ChaCha20" : "AES");
            salt = bytes(random, chacha ? 12 : 4);
            String transformation = chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding";
            sealer = Cipher.getInstance(transformation);
            opener = Cipher.getInstance(transformation);
        }

        /** Seals {@code plain} as record {@code seq} into {@code out}; returns the record body's length. */
        int seal(long seq, byte[] plain, byte[] out) throws GeneralSecurityException {
            int offset = nonceFor(seq, out);
            additionalData(seq, plain.length);
            sealer.init(Cipher.ENCRYPT_MODE, key, spec());
            sealer.updateAAD(aad);
            return offset + sealer.doFinal(plain, 0, plain.length, out, offset);
        }

        /** Opens the record body {@code in[0, length)} of record {@code seq} into {@code out}; returns the plain length. */
        int open(long seq, byte[] in, int length, byte[] out) throws GeneralSecurityException {
            int offset = chacha ? 0 : EXPLICIT_NONCE;
            if (chacha) {
                nonceFor(seq, null);
            } else {
                System.arraycopy(salt, 0, nonce, 0, 4);
                System.arraycopy(in, 0, nonce, 4, EXPLICIT_NONCE);
            }
            additionalData(seq, length - offset - TAG);
            opener.init(Cipher.DECRYPT_MODE, key, spec());
            opener.updateAAD(aad);
            return opener.doFinal(in, offset, length - offset, out, 0);
        }

        private java.security.spec.AlgorithmParameterSpec spec() {
            return chacha ? new IvParameterSpec(nonce) : new GCMParameterSpec(TAG * 8, nonce);
        }

        /** Sets the nonce for {@code seq}; for AES-GCM writes the explicit part to {@code out}; returns where the ciphertext starts. */
        private int nonceFor(long seq, byte[] out) {
            if (chacha) {
                System.arraycopy(salt, 0, nonce, 0, 12);
                for (int i = 0; i < 8; i++) {
                    nonce[4 + i] ^= (byte) (seq >>> (56 - 8 * i));
                }
                return 0;
            }
            System.arraycopy(salt, 0, nonce, 0, 4);
            for (int i = 0; i < 8; i++) {
                nonce[4 + i] = (byte) (seq >>> (56 - 8 * i));
            }
            System.arraycopy(nonce, 4, out, 0, EXPLICIT_NONCE);
            return EXPLICIT_NONCE;
        }

        private void additionalData(long seq, int plainLength) {
            for (int i = 0; i < 8; i++) {
                aad[i] = (byte) (seq >>> (56 - 8 * i));
            }
            aad[8] = 23; // application_data
            aad[9] = (byte) 0xFE; // DTLS 1.2 = {254, 253}
            aad[10] = (byte) 0xFD;
            aad[11] = (byte) (plainLength >>> 8);
            aad[12] = (byte) plainLength;
        }
    }
}
