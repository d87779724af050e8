package org.ortc4j.ice.internal.turn;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.ortc4j.ice.IceServerUrl;
import org.ortc4j.ice.net.TlsClientOptions;

/**
 * One TURN server as an allocation reaches it: the URL (which says UDP, TCP or TLS), the address
 * the URL's host resolved to, and the long-term credentials (RFC 8656 §5, RFC 8489 §9.2).
 *
 * @param url a {@code turn:} or {@code turns:} URL
 * @param address the resolved server address (resolution is the gatherer's job)
 * @param username the long-term username
 * @param credential the long-term password
 * @param tls for {@code turns:}, how the server's certificate is verified; {@code null} means the
 *     JDK's default trust store with the URL's host as server name
 */
public record TurnServerAddress(IceServerUrl url, InetSocketAddress address, String username, String credential,
        TlsClientOptions tls) {

    public TurnServerAddress {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(credential, "credential");
        if (!url.scheme().isTurn()) {
            throw new IllegalArgumentException("not a TURN URL: " + url);
        }
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("the server address must be resolved: " + address);
        }
        if (url.scheme().isSecure() && url.transport() == IceServerUrl.Transport.UDP) {
            throw new IllegalArgumentException("turns: over DTLS is not supported: " + url);
        }
        if (tls == null && url.scheme().isSecure()) {
            tls = TlsClientOptions.verifying(url.host());
        }
    }

    /** How the client reaches the server. */
    public TurnTransport transport() {
        if (url.scheme().isSecure()) {
            return TurnTransport.TLS;
        }
        return url.transport() == IceServerUrl.Transport.TCP ? TurnTransport.TCP : TurnTransport.UDP;
    }

    /** The same server at another address (after a 300 Try Alternate). */
    TurnServerAddress withAddress(InetSocketAddress alternate) {
        return new TurnServerAddress(url, alternate, username, credential, tls);
    }

    @Override
    public String toString() {
        return "TurnServerAddress[" + url + " at " + address + ", username=" + username + "]";
    }
}
