package org.ortc4j.ice.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.ortc4j.ice.net.NettyNetworkTest.onLoop;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TCP and TLS over TCP (as {@code turn:?transport=tcp} and {@code turns:} use them) against Netty
 * servers in this test, with a certificate made by the JDK's keytool for a name of our own.
 */
class NettyStreamSocketTest {

    private static final String SERVER_NAME = "turn.ortc4j.test";
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    private static final Map<NettyTransport, NettyNetwork> NETWORKS = new EnumMap<>(NettyTransport.class);
    private static EventLoopGroup serverGroup;
    private static KeyStore keyStore;
    /** SNI names the TLS server saw, one list per handshake. */
    private static final BlockingQueue<List<SNIServerName>> SERVER_SNI = new LinkedBlockingQueue<>();

    @BeforeAll
    static void setUp() throws Exception {
        NettyNetworkTest.LeakWatch.install();
        serverGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        keyStore = selfSignedKeyStore(dir.resolve("server.p12"));
    }

    @AfterAll
    static void tearDown() {
        NETWORKS.values().forEach(NettyNetwork::close);
        serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        NettyNetworkTest.LeakWatch.assertNoLeaks();
    }

    static synchronized NettyNetwork network(NettyTransport transport) {
        assumeTrue(transport.isAvailable(), "Netty's native epoll transport is not available on this machine");
        return NETWORKS.computeIfAbsent(transport, t -> NettyNetwork.create(t, 1));
    }

    static Stream<Arguments> transportsAndLoopbacks() {
        return Stream.of(NettyTransport.values())
                .flatMap(t -> Stream.of(Arguments.of(t, "127.0.0.1"), Arguments.of(t, "::1")));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("transportsAndLoopbacks")
    void tcpCarriesBytesBothWaysAndClosesOnce(NettyTransport transport, String loopback) throws Exception {
        Channel server = echoServer(InetAddress.getByName(loopback), null);
        NetworkStack stack = network(transport).newStack();
        Collector collector = new Collector(stack);

        StreamSocket socket = stack.connectTcp((InetSocketAddress) server.localAddress(), null, collector)
                .get(5, TimeUnit.SECONDS);
        assertThat(socket.isOpen()).isTrue();
        assertThat(socket.remoteAddress()).isEqualTo(server.localAddress());
        assertThat(socket.localAddress().getAddress()).isEqualTo(InetAddress.getByName(loopback));

        stack.scheduler().execute(() -> socket.send(ascii(stack, "0123456789")));
        assertThat(collector.awaitText(10)).isEqualTo("0123456789");

        onLoop(stack, () -> {
            socket.close();
            socket.close();
            return null;
        });
        assertThat(collector.closed.poll(5, TimeUnit.SECONDS)).isEqualTo(Collector.CLEAN);
        assertThat(socket.isOpen()).isFalse();
        assertThat(collector.offLoop).isEmpty();
        // Exactly once: nothing more arrives after the first.
        assertThat(onLoop(stack, collector.closed::size)).isZero();

        ByteBuf late = ascii(stack, "late");
        onLoop(stack, () -> {
            socket.send(late);
            return null;
        });
        assertThat(late.refCnt()).isZero();
        assertThat(((NettyStreamSocket) socket).droppedSends()).isEqualTo(1);
        server.close().syncUninterruptibly();
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void theServerClosingIsHeardOnce(NettyTransport transport) throws Exception {
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        Channel server = server(InetAddress.getLoopbackAddress(), null, accepted::complete);
        NetworkStack stack = network(transport).newStack();
        Collector collector = new Collector(stack);
        StreamSocket socket = stack.connectTcp((InetSocketAddress) server.localAddress(), null, collector)
                .get(5, TimeUnit.SECONDS);

        accepted.get(5, TimeUnit.SECONDS).close().syncUninterruptibly();

        assertThat(collector.closed.poll(5, TimeUnit.SECONDS)).isEqualTo(Collector.CLEAN);
        assertThat(socket.isOpen()).isFalse();
        assertThat(onLoop(stack, collector.closed::size)).isZero();
        server.close().syncUninterruptibly();
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void connectingWhereNobodyListensFailsTheFuture(NettyTransport transport) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        NetworkStack stack = network(transport).newStack();
        Collector collector = new Collector(stack);

        CompletableFuture<StreamSocket> future = stack.connectTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), null, collector);

        assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IOException.class);
        assertThat(onLoop(stack, collector.closed::size)).as("no onClosed for a connection never made").isZero();
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void tlsWithTheRightNameAndTrustSendsSniAndCarriesBytes(NettyTransport transport) throws Exception {
        Channel server = echoServer(InetAddress.getLoopbackAddress(), serverTls());
        NetworkStack stack = network(transport).newStack();
        Collector collector = new Collector(stack);
        SERVER_SNI.clear();

        StreamSocket socket = stack.connectTcp((InetSocketAddress) server.localAddress(),
                new TlsClientOptions(SERVER_NAME, trustingOurCertificate()), collector).get(10, TimeUnit.SECONDS);

        SslHandler tls = ((NettyStreamSocket) socket).channel().pipeline().get(SslHandler.class);
        assertThat(tls.handshakeFuture().isSuccess()).as("the future completes after the handshake").isTrue();
        assertThat(tls.engine().getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        assertThat(SERVER_SNI.poll(5, TimeUnit.SECONDS)).containsExactly(new SNIHostName(SERVER_NAME));

        stack.scheduler().execute(() -> socket.send(ascii(stack, "Allocate over TLS")));
        assertThat(collector.awaitText("Allocate over TLS".length())).isEqualTo("Allocate over TLS");

        onLoop(stack, () -> {
            socket.close();
            return null;
        });
        assertThat(collector.closed.poll(5, TimeUnit.SECONDS)).isEqualTo(Collector.CLEAN);
        server.close().syncUninterruptibly();
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void tlsWithAWrongNameFailsHostnameVerification(NettyTransport transport) throws Exception {
        Channel server = echoServer(InetAddress.getLoopbackAddress(), serverTls());
        NetworkStack stack = network(transport).newStack();
        Collector collector = new Collector(stack);

        CompletableFuture<StreamSocket> future = stack.connectTcp((InetSocketAddress) server.localAddress(),
                new TlsClientOptions("other.ortc4j.test", trustingOurCertificate()), collector);

        // The chain is trusted; only the name is wrong.
        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SSLHandshakeException.class)
                .hasStackTraceContaining("other.ortc4j.test");
        assertThat(onLoop(stack, collector.closed::size)).isZero();
        server.close().syncUninterruptibly();
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void tlsWithTheJdkDefaultTrustStoreRefusesASelfSignedCertificate(NettyTransport transport) throws Exception {
        Channel server = echoServer(InetAddress.getLoopbackAddress(), serverTls());
        NetworkStack stack = network(transport).newStack();
        Collector collector = new Collector(stack);

        CompletableFuture<StreamSocket> future = stack.connectTcp((InetSocketAddress) server.localAddress(),
                TlsClientOptions.verifying(SERVER_NAME), collector);

        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SSLHandshakeException.class)
                .hasStackTraceContaining("PKIX");
        assertThat(onLoop(stack, collector.closed::size)).isZero();
        server.close().syncUninterruptibly();
    }

    // --- helpers ---

    /** A PKCS12 key store with an EC P-256 key and a self-signed certificate for SERVER_NAME. */
    static KeyStore selfSignedKeyStore(Path file) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair",
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-alias", "turn", "-dname", "CN=" + SERVER_NAME, "-ext", "SAN=dns:" + SERVER_NAME,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), US_ASCII);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool: %s", output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    static SslContext serverTls() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD);
        return SslContextBuilder.forServer(keys).sslProvider(SslProvider.JDK).build();
    }

    /** Trusts the key store's certificate, and nothing else. */
    static X509TrustManager trustingOurCertificate() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(keyStore);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    static Channel echoServer(InetAddress address, SslContext tls) {
        return server(address, tls, accepted -> accepted.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ctx.writeAndFlush(msg); // echo: the write releases msg
            }
        }));
    }

    static Channel server(InetAddress address, SslContext tls, java.util.function.Consumer<SocketChannel> onAccept) {
        return new ServerBootstrap()
                .group(serverGroup)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            SslHandler handler = tls.newHandler(ch.alloc());
                            handler.handshakeFuture().addListener(done -> {
                                if (done.isSuccess()) {
                                    ExtendedSSLSession session = (ExtendedSSLSession) handler.engine().getSession();
                                    SERVER_SNI.add(new ArrayList<>(session.getRequestedServerNames()));
                                }
                            });
                            ch.pipeline().addLast(handler);
                        }
                        onAccept.accept(ch);
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close(); // a refused handshake is what some tests want
                            }
                        });
                    }
                })
                .bind(address, 0)
                .syncUninterruptibly()
                .channel();
    }

    static ByteBuf ascii(NetworkStack stack, String text) {
        ByteBuf buf = stack.alloc().buffer(text.length());
        buf.writeCharSequence(text, US_ASCII);
        return buf;
    }

    /** A StreamHandler that gathers bytes and closings, and checks it is called on the loop. */
    static final class Collector implements StreamHandler {
        static final String CLEAN = "closed cleanly";

        private final NetworkStack stack;
        final StringBuffer text = new StringBuffer();
        final BlockingQueue<String> closed = new LinkedBlockingQueue<>();
        final List<String> offLoop = new CopyOnWriteArrayList<>();
        private final BlockingQueue<Integer> lengths = new LinkedBlockingQueue<>();

        Collector(NetworkStack stack) {
            this.stack = stack;
        }

        @Override
        public void onData(StreamSocket socket, ByteBuf data) {
            if (!stack.scheduler().inLoop()) {
                offLoop.add("onData");
            }
            text.append(data.toString(US_ASCII));
            data.release();
            lengths.add(text.length());
        }

        @Override
        public void onClosed(StreamSocket socket, Throwable cause) {
            if (!stack.scheduler().inLoop()) {
                offLoop.add("onClosed");
            }
            closed.add(cause == null ? CLEAN : cause.toString());
        }

        /** Waits until {@code length} characters have arrived, in any number of chunks. */
        String awaitText(int length) throws InterruptedException {
            while (text.length() < length) {
                if (lengths.poll(5, TimeUnit.SECONDS) == null) {
                    break;
                }
            }
            return text.toString();
        }
    }
}
