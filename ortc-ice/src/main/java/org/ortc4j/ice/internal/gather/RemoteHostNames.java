package org.ortc4j.ice.internal.gather;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import org.ortc4j.ice.internal.mdns.MdnsResolver;
import org.ortc4j.ice.net.NetworkStack;

/**
 * Resolves the {@code .local} names of remote host candidates over multicast DNS
 * (draft-ietf-mmusic-mdns-ice-candidates §3.2.1: "the ICE agent ... MUST resolve the name using
 * mDNS"). The resolver, and its multicast sockets, exist only once a name needs resolving.
 * Confined to the loop.
 */
public final class RemoteHostNames {

    private final NetworkStack stack;
    private MdnsResolver resolver;
    private boolean closed;

    public RemoteHostNames(NetworkStack stack) {
        this.stack = stack;
    }

    /** The address {@code name} stands for; fails on timeout or when closed. */
    public CompletableFuture<InetAddress> resolve(String name) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("closed"));
        }
        try {
            if (resolver == null) {
                resolver = new MdnsResolver(stack);
            }
            return resolver.resolve(name);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Abandons the lookups and leaves the groups. */
    public void close() {
        closed = true;
        if (resolver != null) {
            resolver.close();
            resolver = null;
        }
    }
}
