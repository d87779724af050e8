package org.ortc4j.ice.net;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.NetUtil;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509TrustManager;

/**
 * The client side of TLS over TCP ({@code turns:} servers): an {@link SslHandler} that sends SNI
 * and verifies the server's certificate chain and name.
 */
final class NettyTls {

    /** The endpoint identification of HTTPS (RFC 2818 §3.1, RFC 6125): the name must match the certificate. */
    private static final String HOSTNAME_VERIFICATION = "HTTPS";

    /** With the JDK's default trust store; built on first use, as loading cacerts takes a while. */
    private static volatile SslContext defaultTrust;

    private NettyTls() {}

    /**
     * A handler that runs the handshake as a client of {@code options.serverName()} once the
     * channel is active.
     */
    static SslHandler clientHandler(TlsClientOptions options, ByteBufAllocator alloc, int port) throws SSLException {
        SslContext context = options.trustManager() == null ? defaultTrust() : context(options.trustManager());
        String serverName = options.serverName();
        SSLEngine engine = context.newEngine(alloc, serverName, port);
        SSLParameters parameters = engine.getSSLParameters();
        // RFC 8489 §6.2.3 (TLS-over-TCP): "the client MUST verify the identity of the server";
        // the name checked is the one the user asked for (the URL's host), not the address.
        parameters.setEndpointIdentificationAlgorithm(HOSTNAME_VERIFICATION);
        // RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted in "HostName"."
        if (!NetUtil.isValidIpV4Address(serverName) && !NetUtil.isValidIpV6Address(serverName)) {
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
        }
        engine.setSSLParameters(parameters);
        return new SslHandler(engine);
    }

    private static SslContext defaultTrust() throws SSLException {
        SslContext context = defaultTrust;
        if (context == null) {
            context = context(null);
            defaultTrust = context;
        }
        return context;
    }

    private static SslContext context(X509TrustManager trustManager) throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .endpointIdentificationAlgorithm(HOSTNAME_VERIFICATION);
        if (trustManager != null) {
            builder.trustManager(trustManager);
        }
        return builder.build();
    }
}
