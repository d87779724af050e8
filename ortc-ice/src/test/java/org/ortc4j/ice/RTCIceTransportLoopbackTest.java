package org.ortc4j.ice;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.NettyNetwork;

/**
 * Two RTCIceTransports on real UDP sockets (Netty) on this machine's loopback interface, wired
 * by trickle as signaling would: what a user of the ORTC objects does first.
 */
class RTCIceTransportLoopbackTest {

    private static final RTCIceGatherOptions LOOPBACK =
            RTCIceGatherOptions.newBuilder().includeLoopback(true).build();

    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private RTCIceTransport transport() {
        RTCIceGatherer gatherer = new RTCIceGatherer(LOOPBACK, NettyNetwork.shared().newStack());
        RTCIceTransport transport = new RTCIceTransport(gatherer);
        toClose.add(gatherer);
        toClose.add(transport::stop);
        return transport;
    }

    private static void signal(RTCIceTransport from, RTCIceTransport to) {
        from.iceGatherer().onLocalCandidate(to::addRemoteCandidate);
        from.iceGatherer().onStateChange(state -> {
            if (state == RTCIceGathererState.COMPLETE) {
                to.addRemoteCandidate(null);
            }
        });
    }

    @Test
    void twoTransportsConnectOverLoopbackAndExchangeDatagrams() throws Exception {
        RTCIceTransport a = transport();
        RTCIceTransport b = transport();
        signal(a, b);
        signal(b, a);
        CompletableFuture<String> atB = new CompletableFuture<>();
        CompletableFuture<String> atA = new CompletableFuture<>();
        b.setDataHandler(data -> {
            atB.complete(data.toString(StandardCharsets.UTF_8));
            data.release();
        });
        a.setDataHandler(data -> {
            atA.complete(data.toString(StandardCharsets.UTF_8));
            data.release();
        });

        CompletableFuture<Void> aConnected = a.start(b.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLING);
        CompletableFuture<Void> bConnected = b.start(a.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLED);
        aConnected.get(10, TimeUnit.SECONDS);
        bConnected.get(10, TimeUnit.SECONDS);
        a.send(Unpooled.copiedBuffer("ping", StandardCharsets.UTF_8));
        b.send(Unpooled.copiedBuffer("pong", StandardCharsets.UTF_8));

        assertThat(atB.get(10, TimeUnit.SECONDS)).isEqualTo("ping");
        assertThat(atA.get(10, TimeUnit.SECONDS)).isEqualTo("pong");
        RTCIceCandidatePair pair = a.getSelectedCandidatePair().orElseThrow();
        assertThat(pair.local().type()).isEqualTo(RTCIceCandidateType.HOST);
        assertThat(pair.remote().port()).isIn(b.iceGatherer().getLocalCandidates().stream()
                .map(RTCIceCandidate::port).toList());
        // Loopback candidates are there because they were asked for, IPv6 in RFC 5952 text.
        assertThat(a.iceGatherer().getLocalCandidates()).extracting(RTCIceCandidate::address)
                .contains("127.0.0.1").doesNotContain("0:0:0:0:0:0:0:1");
    }

    @Test
    void withoutLoopbackAMachineWithOnlyLoopbackGathersNothingButStillCompletes() throws Exception {
        RTCIceGatherer gatherer = new RTCIceGatherer(RTCIceGatherOptions.defaults(), NettyNetwork.shared().newStack());
        toClose.add(gatherer);

        gatherer.gather().get(10, TimeUnit.SECONDS);

        // RFC 8445 §5.1.1.1: never a loopback host candidate unless asked for.
        assertThat(gatherer.getLocalCandidates()).noneSatisfy(c -> assertThat(c.address()).startsWith("127."));
        assertThat(gatherer.state()).isEqualTo(RTCIceGathererState.COMPLETE);
    }

    @Test
    void publicMethodsMayBeCalledFromAnyThreadAndStopIsFinal() throws Exception {
        RTCIceTransport a = transport();
        CompletableFuture<Void> connected = a.start(RTCIceParameters.generate(), RTCIceRole.CONTROLLED);
        CompletableFuture<RTCIceTransportState> closed = new CompletableFuture<>();
        a.onStateChange(state -> {
            if (state == RTCIceTransportState.CLOSED) {
                closed.complete(state);
            }
        });

        a.stop();

        assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(RTCIceTransportState.CLOSED);
        assertThat(connected).failsWithin(10, TimeUnit.SECONDS);
        assertThat(a.state()).isEqualTo(RTCIceTransportState.CLOSED);
    }
}
