package org.ortc4j.ice.net;

import java.util.Objects;
import javax.net.ssl.X509TrustManager;

/**
 * How a TLS client connection (a {@code turns:} server) is verified.
 *
 * @param serverName the name sent in SNI and checked against the server's certificate (the
 *     URL's host)
 * @param trustManager the certificates to trust; {@code null} means the JDK's default trust store
 */
public record TlsClientOptions(String serverName, X509TrustManager trustManager) {

    public TlsClientOptions {
        Objects.requireNonNull(serverName, "serverName");
    }

    /** Verification against the JDK's default trust store. */
    public static TlsClientOptions verifying(String serverName) {
        return new TlsClientOptions(serverName, null);
    }
}
