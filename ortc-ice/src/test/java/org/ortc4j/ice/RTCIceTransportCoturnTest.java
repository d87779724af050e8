package org.ortc4j.ice;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.ortc4j.ice.net.NettyNetwork;

/**
 * Two RTCIceTransports that may use relayed candidates only ({@code gatherPolicy relay}) connect
 * through coturn, a TURN server nobody here wrote, each reaching it over its own transport: the
 * issue's "two agents connect through relays only".
 */
@Tag("interop")
class RTCIceTransportCoturnTest {

    @TempDir
    static Path dir;

    private static Coturn coturn;

    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startCoturn() throws Exception {
        coturn = Coturn.start(dir);
    }

    @AfterAll
    static void stopCoturn() throws Exception {
        if (coturn != null) {
            coturn.close();
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private String url(String kind) {
        return switch (kind) {
            case "udp" -> "turn:127.0.0.1:" + coturn.port();
            case "tcp" -> "turn:127.0.0.1:" + coturn.port() + "?transport=tcp";
            case "tls" -> "turns:localhost:" + coturn.tlsPort();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private RTCIceTransport relayOnly(String kind) {
        RTCIceGatherOptions options = RTCIceGatherOptions.newBuilder()
                .gatherPolicy(RTCIceGatherPolicy.RELAY)
                .includeLoopback(true)
                .iceServers(new RTCIceServer(url(kind), Coturn.USER, Coturn.PASSWORD))
                .tlsTrustManager(coturn.trustManager())
                .build();
        RTCIceGatherer gatherer = new RTCIceGatherer(options, NettyNetwork.shared().newStack());
        RTCIceTransport transport = new RTCIceTransport(gatherer);
        toClose.add(gatherer);
        toClose.add(transport::stop);
        return transport;
    }

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({"udp, tcp", "tls, udp"})
    void twoRelayOnlyTransportsConnectThroughCoturn(String kindA, String kindB) throws Exception {
        RTCIceTransport a = relayOnly(kindA);
        RTCIceTransport b = relayOnly(kindB);
        CompletableFuture.allOf(a.iceGatherer().gather(), b.iceGatherer().gather()).get(10, TimeUnit.SECONDS);
        assertThat(a.iceGatherer().getLocalCandidates()).as("relayed candidates; coturn log: %s", coturn.log())
                .singleElement().extracting(RTCIceCandidate::type).isEqualTo(RTCIceCandidateType.RELAY);
        assertThat(b.iceGatherer().getLocalCandidates()).singleElement()
                .extracting(RTCIceCandidate::type).isEqualTo(RTCIceCandidateType.RELAY);
        a.iceGatherer().getLocalCandidates().forEach(b::addRemoteCandidate);
        b.iceGatherer().getLocalCandidates().forEach(a::addRemoteCandidate);
        a.addRemoteCandidate(null);
        b.addRemoteCandidate(null);
        CompletableFuture<String> atB = new CompletableFuture<>();
        b.setDataHandler(data -> {
            atB.complete(data.toString(StandardCharsets.UTF_8));
            data.release();
        });

        CompletableFuture<Void> aConnected = a.start(b.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLING);
        CompletableFuture<Void> bConnected = b.start(a.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLED);
        aConnected.get(15, TimeUnit.SECONDS);
        bConnected.get(15, TimeUnit.SECONDS);
        a.send(Unpooled.copiedBuffer("via coturn", StandardCharsets.UTF_8));

        assertThat(atB.get(10, TimeUnit.SECONDS)).isEqualTo("via coturn");
        RTCIceCandidatePair pair = a.getSelectedCandidatePair().orElseThrow();
        assertThat(pair.local().type()).isEqualTo(RTCIceCandidateType.RELAY);
        assertThat(pair.remote().type()).isEqualTo(RTCIceCandidateType.RELAY);
    }
}
