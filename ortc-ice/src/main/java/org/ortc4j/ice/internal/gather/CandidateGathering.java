package org.ortc4j.ice.internal.gather;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ortc4j.ice.IceServerUrl;
import org.ortc4j.ice.RTCIceCandidate;
import org.ortc4j.ice.RTCIceCandidateType;
import org.ortc4j.ice.RTCIceComponent;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCIceGatherPolicy;
import org.ortc4j.ice.RTCIceGathererIceErrorEvent;
import org.ortc4j.ice.RTCIceProtocol;
import org.ortc4j.ice.RTCIceServer;
import org.ortc4j.ice.internal.CandidateBase;
import org.ortc4j.ice.internal.CandidateFoundations;
import org.ortc4j.ice.internal.LocalCandidate;
import org.ortc4j.ice.internal.PacketReceiver;
import org.ortc4j.ice.internal.ServerAddresses;
import org.ortc4j.ice.internal.StunRetransmission;
import org.ortc4j.ice.internal.StunTransactions;
import org.ortc4j.ice.internal.UdpSocketBase;
import org.ortc4j.ice.internal.UriHost;
import org.ortc4j.ice.net.LocalAddress;
import org.ortc4j.ice.net.NetworkStack;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.ice.stun.ErrorCodeAttribute;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.StunMessageClass;
import org.ortc4j.ice.stun.StunMessageType;
import org.ortc4j.ice.stun.StunParseException;
import org.ortc4j.ice.stun.XorMappedAddressAttribute;

/**
 * The gathering work of one {@code RTCIceGatherer} (RFC 8445 §5.1.1): a UDP socket on each usable
 * address gives a host candidate, a Binding request from it to each STUN server a
 * server-reflexive one, an allocation on each TURN server a relayed one. Each candidate goes to
 * the sink as soon as it is known (RFC 8838 §4), and {@link Sink#complete()} follows the last.
 * Confined to the stack's loop.
 */
public final class CandidateGathering {

    /** Where the results go. */
    public interface Sink {
        void candidate(LocalCandidate candidate);

        void error(RTCIceGathererIceErrorEvent error);

        void complete();
    }

    private final NetworkStack stack;
    private final Scheduler loop;
    private final RTCIceGatherOptions options;
    private final PacketReceiver downstream;
    private final Sink sink;
    private final StunTransactions transactions;
    private final RelayGathering relays;
    private final HostNames hostNames;
    private final List<UdpSocketBase> hostBases = new ArrayList<>();
    // Each host base's address and local preference, for asking new servers after a restart.
    private final Map<UdpSocketBase, LocalAddress> hostAddresses = new HashMap<>();
    private final Map<UdpSocketBase, Integer> hostPreferences = new HashMap<>();
    private List<RTCIceServer> servers;
    private final Set<InetSocketAddress> reflexiveAddresses = new HashSet<>();
    private final List<CompletableFuture<?>> running = new ArrayList<>();
    private String usernameFragment;
    private int pending;
    private boolean started;
    private boolean closed;

    public CandidateGathering(NetworkStack stack, RTCIceGatherOptions options, PacketReceiver downstream, Sink sink) {
        this.stack = Objects.requireNonNull(stack, "stack");
        this.loop = stack.scheduler();
        this.options = Objects.requireNonNull(options, "options");
        this.servers = options.iceServers();
        this.downstream = Objects.requireNonNull(downstream, "downstream");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.transactions = new StunTransactions(loop);
        this.relays = new RelayGathering(stack, options, downstream);
        this.hostNames = new HostNames(stack, options.mdnsHostnames());
    }

    /** Starts gathering with the username fragment candidates carry. Once only. */
    public void start(String ufrag) {
        if (started || closed) {
            return;
        }
        started = true;
        this.usernameFragment = ufrag;
        pending++; // held until everything below has been started
        List<LocalAddress> addresses = HostAddressSelection.select(stack.localAddresses(), options);
        // Relay-only gathering binds no host sockets: the allocations have their own.
        for (int i = 0; options.gatherPolicy() == RTCIceGatherPolicy.ALL && i < addresses.size(); i++) {
            gatherHost(addresses.get(i), HostAddressSelection.localPreference(i));
        }
        gatherRelays(addresses);
        done();
    }

    private void gatherRelays(List<LocalAddress> addresses) {
        for (RTCIceServer server : servers) {
            for (String text : server.urls()) {
                IceServerUrl url = IceServerUrl.parse(text);
                if (url.scheme().isTurn()) {
                    gatherRelay(url, server, addresses);
                }
            }
        }
    }

    /**
     * An ICE restart with another list of STUN/TURN servers (W3C §4.4.1.6 set a configuration:
     * new servers are used from the next gathering): candidates from now on carry {@code ufrag};
     * each host base asks the new STUN servers for its server-reflexive address and the new TURN
     * servers are asked for allocations. Before {@link #start}, only the list changes. The sink's
     * {@code complete} is called again when that is done.
     */
    public void restart(String ufrag, List<RTCIceServer> newServers) {
        if (closed) {
            return;
        }
        servers = List.copyOf(newServers);
        if (!started) {
            return;
        }
        usernameFragment = ufrag;
        reflexiveAddresses.clear();
        pending++;
        for (UdpSocketBase base : hostBases) {
            queryStunServers(base, hostAddresses.get(base), hostPreferences.get(base));
        }
        gatherRelays(HostAddressSelection.select(stack.localAddresses(), options));
        done();
    }

    /** Releases every socket and allocation; nothing is emitted any more. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        transactions.cancelAll();
        for (CompletableFuture<?> future : running) {
            future.cancel(false);
        }
        relays.close();
        hostNames.close();
        for (UdpSocketBase base : hostBases) {
            base.close();
        }
        hostBases.clear();
    }

    private void gatherHost(LocalAddress address, int localPreference) {
        pending++;
        CompletableFuture<UdpSocketBase> bound = UdpSocketBase.bind(stack, new InetSocketAddress(address.address(), 0),
                this::receive);
        running.add(bound);
        bound.whenComplete((base, error) -> {
            if (closed) {
                if (base != null) {
                    base.close();
                }
                return;
            }
            if (error != null) {
                // A host address that cannot be bound gives no candidate; nobody signalled it,
                // so there is no server to blame in an error event.
                done();
                return;
            }
            hostBases.add(base);
            hostAddresses.put(base, address);
            hostPreferences.put(base, localPreference);
            emitHost(base, localPreference);
            queryStunServers(base, address, localPreference);
            done();
        });
    }

    private void emitHost(UdpSocketBase base, int localPreference) {
        InetSocketAddress local = base.address();
        pending++;
        hostNames.nameFor(local.getAddress()).whenComplete((name, error) -> {
            if (closed) {
                return;
            }
            String shown = error == null ? name : text(local.getAddress());
            sink.candidate(new LocalCandidate(candidate(RTCIceCandidateType.HOST, local.getAddress(), null, null,
                    shown, local.getPort(), localPreference, null), base));
            done();
        });
    }

    // RFC 8445 §5.1.1.2: "the agent sends a Binding request ... from each host candidate ... to
    // its configured STUN server".
    private void queryStunServers(UdpSocketBase base, LocalAddress address, int localPreference) {
        for (RTCIceServer server : servers) {
            for (String text : server.urls()) {
                IceServerUrl url = IceServerUrl.parse(text);
                if (url.scheme() == IceServerUrl.Scheme.STUN) {
                    queryStunServer(base, address, url, text, localPreference);
                }
            }
        }
    }

    private void queryStunServer(UdpSocketBase base, LocalAddress address, IceServerUrl url, String text,
            int localPreference) {
        pending++;
        CompletableFuture<List<InetAddress>> resolved = ServerAddresses.resolve(url, loop);
        running.add(resolved);
        resolved.whenComplete((serverAddresses, error) -> {
            if (closed) {
                return;
            }
            if (error != null) {
                reportError(base, text, RTCIceGathererIceErrorEvent.UNREACHABLE, "cannot resolve " + url.host());
                done();
                return;
            }
            InetAddress server = reachableFrom(address, serverAddresses);
            if (server == null) {
                // RFC 8445 §5.1.1.2 asks only for servers of the base's address family; a base
                // that reaches none of the server's addresses simply asks nothing.
                done();
                return;
            }
            sendBinding(base, new InetSocketAddress(server, url.port()), text, localPreference);
        });
    }

    private void sendBinding(UdpSocketBase base, InetSocketAddress server, String text, int localPreference) {
        StunMessage request = StunMessage.newBuilder(StunMessageType.BINDING_REQUEST).build();
        CompletableFuture<StunMessage> response = transactions.start(request,
                message -> base.send(Unpooled.wrappedBuffer(message.encode()), server),
                StunRetransmission.UDP_DEFAULT);
        running.add(response);
        Scheduler.Cancellable timeout = loop.schedule(() -> response.completeExceptionally(
                new TimeoutException("no answer in " + options.serverTimeout())),
                options.serverTimeout().toNanos(), TimeUnit.NANOSECONDS);
        response.whenComplete((message, error) -> {
            timeout.cancel();
            if (closed) {
                return;
            }
            if (error != null) {
                reportError(base, text, RTCIceGathererIceErrorEvent.UNREACHABLE, "STUN server " + server
                        + " did not answer: " + error.getMessage());
            } else if (message.type().messageClass() == StunMessageClass.ERROR_RESPONSE) {
                ErrorCodeAttribute code = message.attribute(ErrorCodeAttribute.class).orElse(null);
                reportError(base, text, code == null ? 400 : code.code(), code == null ? "" : code.reasonPhrase());
            } else {
                message.attribute(XorMappedAddressAttribute.class).ifPresentOrElse(
                        mapped -> emitReflexive(base, mapped.address(), server, localPreference),
                        () -> reportError(base, text, 400, "Binding response without XOR-MAPPED-ADDRESS"));
            }
            done();
        });
    }

    private void emitReflexive(CandidateBase base, InetSocketAddress mapped, InetSocketAddress server,
            int localPreference) {
        // RFC 8445 §5.1.3: a server-reflexive candidate equal to its base (no NAT) is redundant.
        if (mapped.equals(base.address()) || !reflexiveAddresses.add(mapped)) {
            return;
        }
        InetSocketAddress related = base.address();
        sink.candidate(new LocalCandidate(candidate(RTCIceCandidateType.SRFLX, related.getAddress(),
                server.getAddress(), null, text(mapped.getAddress()), mapped.getPort(), localPreference,
                related), base));
    }

    private void gatherRelay(IceServerUrl url, RTCIceServer server, List<LocalAddress> addresses) {
        pending++;
        relays.allocate(url, server, addresses, new RelayGathering.Result() {
            @Override
            public void relayed(CandidateBase relay, InetSocketAddress mapped, InetAddress serverAddress,
                    String serverTransport, int localPreference) {
                if (closed) {
                    return;
                }
                InetSocketAddress relayed = relay.address();
                sink.candidate(new LocalCandidate(candidate(RTCIceCandidateType.RELAY, relayed.getAddress(),
                        serverAddress, serverTransport, text(relayed.getAddress()), relayed.getPort(),
                        localPreference, mapped), relay));
            }

            @Override
            public void failed(String localAddress, Integer localPort, int code, String reason) {
                if (!closed) {
                    sink.error(new RTCIceGathererIceErrorEvent(localAddress, localPort, url.toString(), code, reason));
                }
            }

            @Override
            public void finished() {
                if (!closed) {
                    done();
                }
            }
        });
    }

    private RTCIceCandidate candidate(RTCIceCandidateType type, InetAddress base, InetAddress server,
            String serverTransport, String address, int port, int localPreference, InetSocketAddress related) {
        RTCIceCandidate.Builder builder = RTCIceCandidate.newBuilder()
                .foundation(CandidateFoundations.of(type, base, RTCIceProtocol.UDP, server, serverTransport))
                .component(RTCIceComponent.RTP)
                .protocol(RTCIceProtocol.UDP)
                .priority(RTCIceCandidate.computePriority(type.recommendedTypePreference(), localPreference,
                        RTCIceComponent.RTP.id()))
                .address(address)
                .port(port)
                .type(type)
                .usernameFragment(usernameFragment);
        if (related != null) {
            // RFC 8839 §5.1: rel-addr and rel-port for reflexive and relayed candidates. With
            // mDNS names on, browsers write 0.0.0.0 0 so the host address stays hidden.
            boolean hide = options.mdnsHostnames() && type == RTCIceCandidateType.SRFLX;
            builder.relatedAddress(hide ? "0.0.0.0" : text(related.getAddress()))
                    .relatedPort(hide ? 0 : related.getPort());
        }
        return builder.build();
    }

    private void receive(CandidateBase base, InetSocketAddress from, ByteBuf data) {
        if (transactions.outstanding() > 0 && isStunResponse(data)) {
            StunMessage message = decode(data);
            if (message != null && transactions.handleResponse(message)) {
                data.release();
                return;
            }
        }
        downstream.receive(base, from, data);
    }

    /** An address as candidates write it: dotted quad, or RFC 5952 text for IPv6 (as browsers do). */
    static String text(InetAddress address) {
        String raw = address.getHostAddress();
        int scope = raw.indexOf('%');
        return UriHost.canonicalize(scope < 0 ? raw : raw.substring(0, scope));
    }

    private static boolean isStunResponse(ByteBuf data) {
        // RFC 7983 §7: STUN starts with 0..3. RFC 8489 §5: responses have the class bit C1,
        // bit 8 of the message type (the lowest bit of the first byte), set.
        int first = data.getUnsignedByte(data.readerIndex());
        return data.readableBytes() >= StunMessage.HEADER_LENGTH && (first & 0xC0) == 0 && (first & 0x01) != 0;
    }

    private static StunMessage decode(ByteBuf data) {
        try {
            return StunMessage.decode(ByteBufUtil.getBytes(data));
        } catch (StunParseException e) {
            return null;
        }
    }

    private static InetAddress reachableFrom(LocalAddress local, List<InetAddress> candidates) {
        for (InetAddress server : candidates) {
            if (server.getClass() == local.address().getClass() && server.isLoopbackAddress() == local.loopback()) {
                return server;
            }
        }
        return null;
    }

    private void reportError(UdpSocketBase base, String url, int code, String reason) {
        InetSocketAddress local = base.address();
        sink.error(new RTCIceGathererIceErrorEvent(text(local.getAddress()), local.getPort(), url, code,
                reason));
    }

    private void done() {
        pending--;
        if (pending == 0 && !closed) {
            sink.complete();
        }
    }
}
