package org.ortc4j.dtls;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCIceGatherer;
import org.ortc4j.ice.RTCIceGathererState;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.RTCIceTransport;
import org.ortc4j.ice.net.NettyNetwork;
import org.ortc4j.ice.net.NetworkStack;
import org.ortc4j.ice.net.UdpSocket;

/**
 * Stands in for ICE on a peer that has none: openssl's s_server and s_client speak DTLS over a
 * plain UDP socket, our {@code RTCDtlsTransport} over an {@code RTCIceTransport}.
 *
 * <p>Two of our ICE transports on this machine's loopback interface, connected as signaling
 * would connect them. {@link #dtlsSide()} (ICE controlling) is for the DTLS transport under test.
 * The other one (controlled) forwards every datagram it receives to the UDP peer from a plain UDP
 * socket on the same loop, and sends every datagram that socket receives back with
 * {@code RTCIceTransport.send}. The UDP peer is the one given to {@link #forwardTo} (s_server's
 * port) or, until then, the last address a datagram came from (s_client, which sends first, to
 * {@link #udpAddress()}).
 */
final class IcelessRelay implements AutoCloseable {

    private static final RTCIceGatherOptions LOOPBACK = RTCIceGatherOptions.newBuilder().includeLoopback(true).build();

    private final RTCIceTransport dtlsSide;
    private final RTCIceTransport relaySide;
    private final UdpSocket socket;
    private volatile InetSocketAddress peer;
    private final AtomicLong toPeer = new AtomicLong();
    private final AtomicLong fromPeer = new AtomicLong();
    private final AtomicLong droppedWithoutPeer = new AtomicLong();

    private IcelessRelay(RTCIceTransport dtlsSide, RTCIceTransport relaySide, UdpSocket socket) {
        this.dtlsSide = dtlsSide;
        this.relaySide = relaySide;
        this.socket = socket;
    }

    /** Gathers on loopback, connects the two ICE transports and binds the relay's UDP socket. */
    static IcelessRelay connect() throws Exception {
        RTCIceTransport dtlsSide = new RTCIceTransport(new RTCIceGatherer(LOOPBACK, NettyNetwork.shared().newStack()));
        RTCIceTransport relaySide = new RTCIceTransport(new RTCIceGatherer(LOOPBACK, NettyNetwork.shared().newStack()));
        IcelessRelay[] relay = new IcelessRelay[1];
        try {
            CompletableFuture.allOf(dtlsSide.iceGatherer().gather(), relaySide.iceGatherer().gather())
                    .get(10, TimeUnit.SECONDS);
            for (RTCIceTransport t : new RTCIceTransport[] {dtlsSide, relaySide}) {
                if (t.iceGatherer().state() != RTCIceGathererState.COMPLETE) {
                    throw new IllegalStateException("loopback gathering did not complete");
                }
            }
            dtlsSide.iceGatherer().getLocalCandidates().forEach(relaySide::addRemoteCandidate);
            relaySide.iceGatherer().getLocalCandidates().forEach(dtlsSide::addRemoteCandidate);
            dtlsSide.addRemoteCandidate(null);
            relaySide.addRemoteCandidate(null);

            NetworkStack stack = relaySide.iceGatherer().networkStack();
            CompletableFuture<UdpSocket> bound = new CompletableFuture<>();
            stack.scheduler().execute(() -> stack.bindUdp(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                            (s, sender, data) -> relay[0].fromUdp(sender, data))
                    .whenComplete((s, e) -> {
                        if (e != null) {
                            bound.completeExceptionally(e);
                        } else {
                            bound.complete(s);
                        }
                    }));
            UdpSocket socket = bound.get(10, TimeUnit.SECONDS);
            relay[0] = new IcelessRelay(dtlsSide, relaySide, socket);
            relaySide.setDataHandler(relay[0]::fromIce);

            CompletableFuture<Void> a = dtlsSide.start(relaySide.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLING);
            CompletableFuture<Void> b = relaySide.start(dtlsSide.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLED);
            CompletableFuture.allOf(a, b).get(10, TimeUnit.SECONDS);
            return relay[0];
        } catch (Exception | Error e) {
            if (relay[0] != null) {
                relay[0].close();
            } else {
                close(dtlsSide);
                close(relaySide);
            }
            throw e;
        }
    }

    /** The ICE transport for the DTLS transport under test: connected, ICE controlling. */
    RTCIceTransport dtlsSide() {
        return dtlsSide;
    }

    /** Where a UDP peer sends to reach the DTLS transport (s_client's {@code -connect}). */
    InetSocketAddress udpAddress() {
        return socket.localAddress();
    }

    /** Sends what the DTLS transport sends to {@code peer} (s_server's address). */
    void forwardTo(InetSocketAddress peer) {
        this.peer = peer;
    }

    /** Datagrams forwarded from ICE to the UDP peer. */
    long datagramsToPeer() {
        return toPeer.get();
    }

    /** Datagrams forwarded from the UDP peer to ICE. */
    long datagramsFromPeer() {
        return fromPeer.get();
    }

    /** Datagrams from ICE dropped because no UDP peer was known yet. */
    long droppedWithoutPeer() {
        return droppedWithoutPeer.get();
    }

    private void fromIce(ByteBuf data) {
        InetSocketAddress to = peer;
        if (to == null) {
            droppedWithoutPeer.incrementAndGet();
            data.release();
            return;
        }
        toPeer.incrementAndGet();
        socket.send(data, to);
    }

    private void fromUdp(InetSocketAddress sender, ByteBuf data) {
        if (peer == null) {
            peer = sender;
        }
        fromPeer.incrementAndGet();
        relaySide.send(data);
    }

    @Override
    public void close() {
        NetworkStack stack = relaySide.iceGatherer().networkStack();
        stack.scheduler().execute(socket::close);
        close(dtlsSide);
        close(relaySide);
    }

    private static void close(RTCIceTransport transport) {
        transport.stop();
        transport.iceGatherer().close();
    }
}
