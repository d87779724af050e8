package org.ortc4j.ice.internal.gather;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ortc4j.ice.IceServerUrl;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCIceGathererIceErrorEvent;
import org.ortc4j.ice.RTCIceServer;
import org.ortc4j.ice.internal.CandidateBase;
import org.ortc4j.ice.internal.PacketReceiver;
import org.ortc4j.ice.internal.ServerAddresses;
import org.ortc4j.ice.internal.turn.TurnAllocation;
import org.ortc4j.ice.internal.turn.TurnAllocationException;
import org.ortc4j.ice.internal.turn.TurnOptions;
import org.ortc4j.ice.internal.turn.TurnServerAddress;
import org.ortc4j.ice.net.LocalAddress;
import org.ortc4j.ice.net.NetworkStack;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.ice.net.TlsClientOptions;

/**
 * Relayed candidates (RFC 8445 §5.1.1.2, RFC 8656 §7): one allocation per TURN URL, made from a
 * host address of the server's family, kept until the gatherer closes. Confined to the loop.
 */
final class RelayGathering {

    /** What one allocation attempt produced. */
    interface Result {
        void relayed(CandidateBase relay, InetSocketAddress mapped, InetAddress server, String serverTransport,
                int localPreference);

        void failed(String localAddress, Integer localPort, int code, String reason);

        /** Called once, after {@code relayed} or {@code failed}. */
        void finished();
    }

    private final NetworkStack stack;
    private final Scheduler loop;
    private final RTCIceGatherOptions options;
    private final PacketReceiver downstream;
    private final List<TurnAllocation> allocations = new ArrayList<>();
    private final List<CompletableFuture<?>> running = new ArrayList<>();
    private int urlIndex;
    private boolean closed;

    RelayGathering(NetworkStack stack, RTCIceGatherOptions options, PacketReceiver downstream) {
        this.stack = stack;
        this.loop = stack.scheduler();
        this.options = options;
        this.downstream = downstream;
    }

    void allocate(IceServerUrl url, RTCIceServer server, List<LocalAddress> hostAddresses, Result result) {
        int localPreference = localPreference(url, urlIndex++);
        CompletableFuture<List<InetAddress>> resolved = ServerAddresses.resolve(url, loop);
        running.add(resolved);
        resolved.whenComplete((addresses, error) -> {
            if (closed) {
                return;
            }
            if (error != null) {
                result.failed(null, null, RTCIceGathererIceErrorEvent.UNREACHABLE, "cannot resolve " + url.host());
                result.finished();
                return;
            }
            InetAddress serverAddress = addresses.get(0);
            InetSocketAddress localBind = new InetSocketAddress(bindAddress(serverAddress, hostAddresses), 0);
            TlsClientOptions tls = url.scheme().isSecure()
                    ? new TlsClientOptions(url.host(), options.tlsTrustManager()) : null;
            TurnServerAddress turn = new TurnServerAddress(url, new InetSocketAddress(serverAddress, url.port()),
                    server.username(), server.credential(), tls);
            start(turn, localBind, serverAddress, localPreference, result);
        });
    }

    private void start(TurnServerAddress turn, InetSocketAddress localBind, InetAddress serverAddress,
            int localPreference, Result result) {
        CompletableFuture<TurnAllocation> allocation = TurnAllocation.allocate(stack, turn, localBind, downstream,
                TurnOptions.DEFAULT);
        running.add(allocation);
        Scheduler.Cancellable timeout = loop.schedule(() -> allocation.completeExceptionally(
                new TimeoutException("no allocation in " + options.serverTimeout())),
                options.serverTimeout().toNanos(), TimeUnit.NANOSECONDS);
        allocation.whenComplete((relay, error) -> {
            timeout.cancel();
            if (closed) {
                if (relay != null) {
                    relay.close();
                }
                return;
            }
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                int code = cause instanceof TurnAllocationException refused && refused.errorCode() > 0
                        ? refused.errorCode() : RTCIceGathererIceErrorEvent.UNREACHABLE;
                result.failed(CandidateGathering.text(localBind.getAddress()), null, code,
                        "TURN server " + turn.address() + ": " + cause.getMessage());
            } else {
                allocations.add(relay);
                result.relayed(relay, relay.mappedAddress(), serverAddress, turn.transport().name().toLowerCase(),
                        localPreference);
            }
            result.finished();
        });
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (CompletableFuture<?> future : running) {
            future.cancel(false);
        }
        for (TurnAllocation allocation : allocations) {
            allocation.close();
        }
        allocations.clear();
    }

    /**
     * RFC 8445 §5.1.2.1 leaves local preferences to the agent; like libwebrtc, relays reached over
     * UDP come before TCP, and TCP before TLS (each adds latency), then by the order of the URLs.
     */
    private static int localPreference(IceServerUrl url, int index) {
        int transportRank = url.scheme().isSecure() ? 2 : url.transport() == IceServerUrl.Transport.TCP ? 1 : 0;
        return Math.max(0, 65535 - transportRank * 256 - index);
    }

    private static InetAddress bindAddress(InetAddress server, List<LocalAddress> hostAddresses) {
        for (LocalAddress local : hostAddresses) {
            if (local.address().getClass() == server.getClass() && local.loopback() == server.isLoopbackAddress()) {
                return local.address();
            }
        }
        for (LocalAddress local : hostAddresses) {
            if (local.address().getClass() == server.getClass()) {
                return local.address();
            }
        }
        // No host candidate of that family (or relay-only gathering with loopback excluded):
        // let the stack choose, as an unbound socket would.
        try {
            return InetAddress.getByAddress(new byte[server.getAddress().length]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("a wildcard address is always valid", e);
        }
    }
}
