package org.ortc4j.ice.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import org.ortc4j.ice.IceServerUrl;
import org.ortc4j.ice.net.Scheduler;

/**
 * Turns a STUN/TURN server's host into addresses. A literal needs no lookup and completes at
 * once; a name is looked up by the JDK resolver, which blocks, so off the loop (ARCHITECTURE.md:
 * nothing blocks a loop thread), and the result is handed back on the loop.
 */
public final class ServerAddresses {

    private ServerAddresses() {
    }

    /** The server's addresses, completed on {@code loop}; fails with {@link UnknownHostException}. */
    public static CompletableFuture<List<InetAddress>> resolve(IceServerUrl url, Scheduler loop) {
        String host = url.host();
        if (isLiteral(host)) {
            try {
                return CompletableFuture.completedFuture(List.of(InetAddress.getByName(host)));
            } catch (UnknownHostException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        CompletableFuture<List<InetAddress>> result = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> {
            try {
                return List.of(InetAddress.getAllByName(host));
            } catch (UnknownHostException e) {
                throw new CompletionException(e);
            }
        }, ForkJoinPool.commonPool()).whenComplete((addresses, error) -> loop.execute(() -> {
            if (error != null) {
                result.completeExceptionally(error instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : error);
            } else {
                result.complete(addresses);
            }
        }));
        return result;
    }

    private static boolean isLiteral(String host) {
        return UriHost.isIpv6(host) || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
