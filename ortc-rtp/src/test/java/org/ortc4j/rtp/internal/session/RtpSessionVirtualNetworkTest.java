package org.ortc4j.rtp.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.dtls.RTCCertificate;
import org.ortc4j.dtls.RTCDtlsTransport;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCIceGatherer;
import org.ortc4j.ice.RTCIceGathererState;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.RTCIceTransport;
import org.ortc4j.ice.net.NetworkStack;
import org.ortc4j.ice.net.RealTimeDriver;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.ice.vnet.LinkConditions;
import org.ortc4j.ice.vnet.VirtualNetwork;
import org.ortc4j.rtp.RTCRtcpParameters;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.interceptor.RtpOutput;
import org.ortc4j.rtp.interceptor.RtpStreamInfo;
import org.ortc4j.rtp.packet.PictureLossIndication;
import org.ortc4j.rtp.packet.ReceiverReport;
import org.ortc4j.rtp.packet.RtcpPacket;
import org.ortc4j.rtp.packet.RtpHeaderExtensionMap;
import org.ortc4j.rtp.packet.RtpPacket;

/**
 * RTP sessions over DTLS over ICE on the virtual network with 5 % loss and 10 ms of delay each
 * way. Bouncy Castle's handshake timers are wall-clock, so the network's {@link VirtualScheduler}
 * runs in real time under a {@link RealTimeDriver}, whose thread is the loop of both peers.
 */
class RtpSessionVirtualNetworkTest {

    private static final LinkConditions LOSSY = LinkConditions.builder().loss(0.05)
            .delay(Duration.ofMillis(10)).build();
    private static final long TIMEOUT_S = 30;
    private static final int SSRC = 0x0BAD_CAFE;

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private RealTimeDriver driver;
    private VirtualNetwork network;
    private Peer a;
    private Peer b;

    @AfterEach
    void close() {
        if (driver == null) {
            return;
        }
        try {
            driver.run(() -> {
                for (Peer peer : new Peer[] {a, b}) {
                    if (peer != null) {
                        peer.close();
                    }
                }
            });
        } finally {
            driver.close();
        }
    }

    private static final class Peer {
        final RTCIceTransport ice;
        final RTCDtlsTransport dtls;
        final RtpSession session;
        CompletableFuture<Void> connected;

        Peer(NetworkStack stack, RTCCertificate certificate) {
            ice = new RTCIceTransport(new RTCIceGatherer(RTCIceGatherOptions.defaults(), stack));
            dtls = new RTCDtlsTransport(ice, List.of(certificate));
            session = RtpSession.of(dtls);
        }

        void signalTo(Peer other) {
            ice.iceGatherer().onLocalCandidate(other.ice::addRemoteCandidate);
            ice.iceGatherer().onStateChange(state -> {
                if (state == RTCIceGathererState.COMPLETE) {
                    other.ice.addRemoteCandidate(null);
                }
            });
        }

        void close() {
            dtls.stop();
            ice.stop();
            ice.iceGatherer().close();
        }
    }

    private void connect(long seed) throws Exception {
        network = new VirtualNetwork(scheduler, seed);
        RTCCertificate certificateA = RTCCertificate.generate();
        RTCCertificate certificateB = RTCCertificate.generate();
        driver = scheduler.runInRealTime();
        driver.run(() -> {
            network.setLinkConditions(LOSSY);
            a = new Peer(network.addHost("a", "198.51.100.1"), certificateA);
            b = new Peer(network.addHost("b", "198.51.100.2"), certificateB);
            a.signalTo(b);
            b.signalTo(a);
            a.ice.iceGatherer().gather();
            b.ice.iceGatherer().gather();
            a.ice.start(b.ice.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLING);
            b.ice.start(a.ice.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLED);
            a.connected = a.dtls.start(b.dtls.getLocalParameters());
            b.connected = b.dtls.start(a.dtls.getLocalParameters());
        });
        a.connected.get(TIMEOUT_S, TimeUnit.SECONDS);
        b.connected.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static RtpStreamInfo audio(int ssrc) {
        return new RtpStreamInfo(ssrc, "audio",
                List.of(RTCRtpCodecParameters.newBuilder("audio/opus", 48_000, 111).channels(2).build()),
                RtpHeaderExtensionMap.of(List.of()), new RTCRtcpParameters("cname"), null, null, null);
    }

    @Test
    void packetsThatSurviveLossArriveIntactOnceEachAndRtcpToo() throws Exception {
        connect(7);
        LinkedBlockingQueue<RtpPacket> received = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<List<RtcpPacket>> rtcp = new LinkedBlockingQueue<>();
        Map<Integer, RtpPacket> sent = new HashMap<>();
        int count = 400;
        for (int seq = 0; seq < count; seq++) {
            sent.put(seq, RtpPacket.builder().payloadType(111).sequenceNumber(seq).timestamp(960L * seq).ssrc(SSRC)
                    .payload(("opus frame " + seq).repeat(8).getBytes(StandardCharsets.UTF_8)).build());
        }
        RtpOutput out = driver.call(() -> {
            b.session.bindRemoteStream(audio(SSRC), (packet, arrival) -> received.add(packet.toBuilder().build()));
            b.session.addRtcpListener((packets, arrival) -> rtcp.add(List.copyOf(packets)));
            return a.session.bindLocalStream(audio(SSRC));
        });

        driver.run(() -> {
            for (int seq = 0; seq < count; seq++) {
                out.write(sent.get(seq));
            }
        });
        // RTCP until one compound arrives: each may be lost.
        PictureLossIndication pli = new PictureLossIndication(1, SSRC);
        List<RtcpPacket> compound = null;
        for (int attempt = 0; attempt < 50 && compound == null; attempt++) {
            driver.run(() -> a.session.rtcpOutput().write(List.of(pli)));
            compound = rtcp.poll(1, TimeUnit.SECONDS);
        }
        assertThat(compound).containsExactly(new ReceiverReport(a.session.config().rtcpSsrc(), List.of()), pli);

        // Every RTP packet was sent before the RTCP that arrived, so what arrives has arrived.
        List<RtpPacket> got = new ArrayList<>();
        received.drainTo(got);
        assertThat(got).isNotEmpty().hasSizeLessThan(count);
        assertThat(got.stream().map(RtpPacket::sequenceNumber).distinct().count()).isEqualTo(got.size());
        for (RtpPacket packet : got) {
            assertThat(packet).isEqualTo(sent.get(packet.sequenceNumber()));
        }
        RtpSessionStats stats = driver.call(b.session::stats);
        assertThat(stats.rtpPacketsReceived()).isEqualTo(got.size());
        assertThat(stats.srtpFailures() + stats.malformed() + stats.unknownSsrc()).isZero();
        assertThat(driver.call(a.session::stats).rtpPacketsSent()).isEqualTo(count);
        assertThat(driver.call(network::packetsLost)).isPositive();
    }
}
