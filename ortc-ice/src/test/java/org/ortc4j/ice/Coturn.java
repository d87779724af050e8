package org.ortc4j.ice;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.StunMessageType;

/**
 * A coturn {@code turnserver} (Debian package {@code coturn}) run for a test class on 127.0.0.1:
 * long-term credentials, TURN over UDP, TCP and TLS (with a certificate {@code openssl} makes for
 * the run, for {@code localhost} and 127.0.0.1), loopback peers allowed. {@link #start} returns
 * once the server answers; {@link #close} stops it.
 */
public final class Coturn implements AutoCloseable {

    public static final String USER = "ortc4j";
    public static final String PASSWORD = "relay-secret";
    public static final String REALM = "ortc4j.test";

    private static final Path TURNSERVER = Path.of("/usr/bin/turnserver");
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    private final Path dir;
    private final Process process;
    private final int port;
    private final int tlsPort;
    private final X509TrustManager trust;

    private Coturn(Path dir, Process process, int port, int tlsPort, X509TrustManager trust) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.tlsPort = tlsPort;
        this.trust = trust;
    }

    /**
     * Starts turnserver with its files in {@code dir}.
     *
     * @throws org.opentest4j.TestAbortedException (a skip) or {@link AssertionError} (with
     *     {@code -Dortc4j.requireExternalTools=true}) when coturn or openssl is not installed
     */
    public static Coturn start(Path dir) throws Exception {
        if (!Files.isExecutable(TURNSERVER)) {
            throw ExternalTool.unavailable("coturn", TURNSERVER + " is not installed");
        }
        if (!Files.isExecutable(OPENSSL)) {
            throw ExternalTool.unavailable("openssl", OPENSSL + " is not installed; it makes the TLS certificate for turns:");
        }
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        run(OPENSSL.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                "-out", cert.toString(), "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        X509TrustManager trust = trustManager(cert);
        int port = freePort();
        int tlsPort;
        do {
            tlsPort = freePort();
        } while (tlsPort == port);
        int relayBase = 40000 + (port % 20000);
        Process process = new ProcessBuilder(TURNSERVER.toString(), "-n",
                "--listening-ip", "127.0.0.1", "--relay-ip", "127.0.0.1",
                "--listening-port", Integer.toString(port), "--tls-listening-port", Integer.toString(tlsPort),
                "--min-port", Integer.toString(relayBase), "--max-port", Integer.toString(relayBase + 200),
                "--lt-cred-mech", "--user", USER + ":" + PASSWORD, "--realm", REALM,
                "--allow-loopback-peers", "--no-cli", "--no-dtls", "--no-multicast-peers",
                "--cert", cert.toString(), "--pkey", key.toString(),
                "--pidfile", dir.resolve("turnserver.pid").toString(),
                "--db", dir.resolve("turndb").toString(),
                "--log-file", dir.resolve("turnserver.log").toString(), "--simple-log", "--no-stdout-log")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("turnserver.out").toFile())
                .start();
        Coturn coturn = new Coturn(dir, process, port, tlsPort, trust);
        try {
            coturn.awaitListening(tlsPort);
            coturn.awaitListening(port);
            coturn.awaitAnsweringUdp(port);
        } catch (Exception | AssertionError e) {
            coturn.close();
            throw e;
        }
        return coturn;
    }

    /** The UDP and TCP port. */
    public int port() {
        return port;
    }

    /** The TLS port. */
    public int tlsPort() {
        return tlsPort;
    }

    /** Trusts exactly this run's certificate. */
    public X509TrustManager trustManager() {
        return trust;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last 30 lines of turnserver's log, for failure messages. */
    public String log() {
        try {
            Path file = dir.resolve("turnserver.log");
            if (!Files.exists(file)) {
                return "(none)";
            }
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }

    private static X509TrustManager trustManager(Path certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            store.setCertificateEntry("coturn", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    /** A port free for both TCP and UDP on 127.0.0.1 right now. */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                int candidate = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", candidate))) {
                    return candidate;
                } catch (IOException taken) {
                    // the UDP port is in use: try another
                }
            }
        }
        throw new IOException("no port free for both TCP and UDP");
    }

    /**
     * Waits for turnserver to answer a STUN Binding request over UDP, whose listener may come up
     * after the TCP one: bounded retries, each a request with a 100 ms receive timeout.
     */
    private void awaitAnsweringUdp(int udpPort) throws Exception {
        byte[] request = StunMessage.newBuilder(StunMessageType.BINDING_REQUEST).build().encode();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(100);
            for (int attempt = 0; attempt < 50; attempt++) {
                socket.send(new java.net.DatagramPacket(request, request.length, new InetSocketAddress("127.0.0.1", udpPort)));
                try {
                    socket.receive(new java.net.DatagramPacket(new byte[1500], 1500));
                    return;
                } catch (java.net.SocketTimeoutException e) {
                    if (!process.isAlive()) {
                        break;
                    }
                }
            }
        }
        throw new IllegalStateException("turnserver did not answer over UDP on " + udpPort + " within 5 s\n" + log());
    }

    /**
     * Waits for turnserver to accept TCP connections: bounded retries, each after a short delay
     * on a future, and a failure with the log if the process dies or never listens.
     */
    private void awaitListening(int tcpPort) throws Exception {
        IOException last = null;
        for (int attempt = 0; attempt < 200; attempt++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("turnserver exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("turnserver.out")) + "\n" + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", tcpPort), 200);
                return;
            } catch (IOException e) {
                last = e;
            }
            try {
                CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(25, TimeUnit.MILLISECONDS))
                        .get(1, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("turnserver did not listen on " + tcpPort + " within 5 s: " + last + "\n" + log());
    }
}
