package org.ortc4j.rtp.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.dtls.RTCCertificate;
import org.ortc4j.dtls.RTCDtlsTransport;
import org.ortc4j.dtls.RTCDtlsTransportOptions;
import org.ortc4j.dtls.RTCDtlsTransportState;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCIceGatherer;
import org.ortc4j.ice.RTCIceGathererState;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.RTCIceTransport;
import org.ortc4j.ice.net.NettyNetwork;
import org.ortc4j.rtp.RTCRtcpParameters;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.RTCRtpHeaderExtensionParameters;
import org.ortc4j.rtp.interceptor.RtcpInput;
import org.ortc4j.rtp.interceptor.RtcpOutput;
import org.ortc4j.rtp.interceptor.RtpInput;
import org.ortc4j.rtp.interceptor.RtpInterceptor;
import org.ortc4j.rtp.interceptor.RtpInterceptorFactory;
import org.ortc4j.rtp.interceptor.RtpOutput;
import org.ortc4j.rtp.interceptor.RtpStreamInfo;
import org.ortc4j.rtp.packet.MidExtension;
import org.ortc4j.rtp.packet.PictureLossIndication;
import org.ortc4j.rtp.packet.ReceiverReport;
import org.ortc4j.rtp.packet.RtcpPacket;
import org.ortc4j.rtp.packet.RtpHeaderExtensionMap;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.packet.SenderReport;
import org.ortc4j.srtp.SrtpOptions;

/**
 * Two RTP sessions over two RTCDtlsTransports over two RTCIceTransports on this machine's
 * loopback interface: real SRTP keyed by a real DTLS handshake, one transport per side carrying
 * every stream (BUNDLE).
 */
class RtpSessionTest {

    private static final long TIMEOUT_S = 15;
    private static final RTCIceGatherOptions LOOPBACK = RTCIceGatherOptions.newBuilder().includeLoopback(true).build();
    private static final int MID_ID = 1;
    private static final int LEVEL_ID = 3;
    private static final RtpHeaderExtensionMap EXTENSIONS = RtpHeaderExtensionMap.of(List.of(
            new RTCRtpHeaderExtensionParameters(MID_ID, MidExtension.URI),
            new RTCRtpHeaderExtensionParameters(LEVEL_ID, "urn:ietf:params:rtp-hdrext:ssrc-audio-level")));

    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    /** Both ends: transports and their sessions (made before DTLS starts). */
    record Peers(RTCDtlsTransport dtlsA, RTCDtlsTransport dtlsB, RtpSession a, RtpSession b,
            CompletableFuture<Void> connected) {

        Peers awaitConnected() throws Exception {
            connected.get(TIMEOUT_S, TimeUnit.SECONDS);
            return this;
        }
    }

    private Peers connect() throws Exception {
        return start(RtpSessionConfig.withoutInterceptors(), RtpSessionConfig.withoutInterceptors(), RTCDtlsTransportOptions.defaults())
                .awaitConnected();
    }

    /** ICE and DTLS on loopback, a session on each end made first; DTLS is started, not awaited. */
    private Peers start(RtpSessionConfig configA, RtpSessionConfig configB, RTCDtlsTransportOptions options)
            throws Exception {
        RTCIceTransport iceA = iceTransport();
        RTCIceTransport iceB = iceTransport();
        signal(iceA, iceB);
        signal(iceB, iceA);
        RTCDtlsTransport dtlsA = dtls(iceA, options);
        RTCDtlsTransport dtlsB = dtls(iceB, options);
        RtpSession a = RtpSession.of(dtlsA, configA);
        RtpSession b = RtpSession.of(dtlsB, configB);
        iceA.start(iceB.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLING);
        iceB.start(iceA.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLED);
        CompletableFuture<Void> connected = CompletableFuture.allOf(
                dtlsA.start(dtlsB.getLocalParameters()), dtlsB.start(dtlsA.getLocalParameters()));
        return new Peers(dtlsA, dtlsB, a, b, connected);
    }

    private RTCIceTransport iceTransport() {
        RTCIceGatherer gatherer = new RTCIceGatherer(LOOPBACK, NettyNetwork.shared().newStack());
        RTCIceTransport transport = new RTCIceTransport(gatherer);
        toClose.add(gatherer);
        toClose.add(transport::stop);
        return transport;
    }

    private RTCDtlsTransport dtls(RTCIceTransport ice, RTCDtlsTransportOptions options) throws Exception {
        RTCDtlsTransport dtls = new RTCDtlsTransport(ice, List.of(RTCCertificate.generate()), options);
        toClose.add(dtls::stop);
        return dtls;
    }

    private static void signal(RTCIceTransport from, RTCIceTransport to) {
        from.iceGatherer().onLocalCandidate(to::addRemoteCandidate);
        from.iceGatherer().onStateChange(state -> {
            if (state == RTCIceGathererState.COMPLETE) {
                to.addRemoteCandidate(null);
            }
        });
    }

    /** Runs {@code task} on the session's loop and waits for its result. */
    private static <T> T onLoop(RtpSession session, Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        session.scheduler().execute(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static void run(RtpSession session, Runnable task) throws Exception {
        onLoop(session, () -> {
            task.run();
            return null;
        });
    }

    private static RtpStreamInfo video(int ssrc, Integer rtxSsrc, String mid) {
        List<RTCRtpCodecParameters> codecs = List.of(
                RTCRtpCodecParameters.newBuilder("video/VP8", 90_000, 96).build(),
                RTCRtpCodecParameters.newBuilder("video/rtx", 90_000, 97).parameter("apt", "96").build());
        return new RtpStreamInfo(ssrc, "video", codecs, EXTENSIONS, new RTCRtcpParameters("cname"), rtxSsrc, mid, null);
    }

    /** A sink that keeps a copy of each packet (the session's buffer is valid during the call only). */
    private static final class Received implements RtpInput {
        final LinkedBlockingQueue<RtpPacket> packets = new LinkedBlockingQueue<>();

        @Override
        public void receive(RtpPacket packet, long arrivalNanos) {
            packets.add(packet.toBuilder().build());
        }

        RtpPacket next() throws InterruptedException {
            RtpPacket packet = packets.poll(TIMEOUT_S, TimeUnit.SECONDS);
            if (packet == null) {
                throw new AssertionError("no RTP packet within " + TIMEOUT_S + " s");
            }
            return packet;
        }
    }

    private static final class RtcpReceived implements RtcpInput {
        final LinkedBlockingQueue<List<RtcpPacket>> compounds = new LinkedBlockingQueue<>();

        @Override
        public void receive(List<RtcpPacket> packets, long arrivalNanos) {
            compounds.add(List.copyOf(packets));
        }

        List<RtcpPacket> next() throws InterruptedException {
            List<RtcpPacket> compound = compounds.poll(TIMEOUT_S, TimeUnit.SECONDS);
            if (compound == null) {
                throw new AssertionError("no RTCP packet within " + TIMEOUT_S + " s");
            }
            return compound;
        }
    }

    private static RtpPacket packet(int ssrc, int seq, String mid) {
        var builder = RtpPacket.builder()
                .marker(seq % 2 == 0)
                .payloadType(96)
                .sequenceNumber(seq)
                .timestamp((0xFFFF_FFF0L + seq) & 0xFFFF_FFFFL)
                .ssrc(ssrc)
                .addCsrc(0x0A0B0C0D)
                .addCsrc(seq)
                .extensionProfile(RtpPacket.ONE_BYTE_PROFILE)
                .addExtension(LEVEL_ID, new byte[] {(byte) (0x80 | seq % 127)})
                .payload(("payload " + Integer.toHexString(ssrc) + " #" + seq).getBytes(StandardCharsets.UTF_8));
        if (mid != null) {
            builder.addExtension(MID_ID, new MidExtension(mid).encode());
        }
        if (seq % 3 == 0) {
            builder.paddingLength(4);
        }
        return builder.build();
    }

    @Test
    void rtpCrossesBothWaysBitExactForSeveralSsrcs() throws Exception {
        Peers peers = connect();
        int[] ssrcs = {0x1111_1111, 0xCAFE_BABE, 7};
        List<Received> atB = new ArrayList<>();
        List<RtpOutput> fromA = new ArrayList<>();
        for (int ssrc : ssrcs) {
            Received sink = new Received();
            atB.add(sink);
            run(peers.b(), () -> peers.b().bindRemoteStream(video(ssrc, null, null), sink));
            fromA.add(onLoop(peers.a(), () -> peers.a().bindLocalStream(video(ssrc, null, null))));
        }
        Received atA = new Received();
        run(peers.a(), () -> peers.a().bindRemoteStream(video(0x2222_2222, null, null), atA));
        RtpOutput fromB = onLoop(peers.b(), () -> peers.b().bindLocalStream(video(0x2222_2222, null, null)));

        List<RtpPacket> sent = new ArrayList<>();
        for (int seq = 65_533; seq < 65_533 + 6; seq++) {
            for (int i = 0; i < ssrcs.length; i++) {
                RtpPacket packet = packet(ssrcs[i], seq & 0xFFFF, "m" + i);
                sent.add(packet);
                RtpOutput out = fromA.get(i);
                run(peers.a(), () -> out.write(packet));
            }
        }
        RtpPacket back = packet(0x2222_2222, 40, null);
        run(peers.b(), () -> fromB.write(back));

        for (int seq = 0; seq < 6; seq++) {
            for (int i = 0; i < ssrcs.length; i++) {
                RtpPacket expected = sent.get(seq * ssrcs.length + i);
                RtpPacket got = atB.get(i).next();
                // Header fields, CSRCs, extensions, payload and padding, as RtpPacket.equals compares them.
                assertThat(got).isEqualTo(expected);
                assertThat(got.size()).isEqualTo(expected.size());
                assertThat(got.csrc(1)).isEqualTo(expected.csrc(1));
                assertThat(got.extension(MID_ID)).isEqualTo(ByteBuffer.wrap(("m" + i).getBytes(StandardCharsets.US_ASCII)));
            }
        }
        assertThat(atA.next()).isEqualTo(back);
        RtpSessionStats a = onLoop(peers.a(), peers.a()::stats);
        RtpSessionStats b = onLoop(peers.b(), peers.b()::stats);
        assertThat(a.rtpPacketsSent()).isEqualTo(18);
        assertThat(a.rtpBytesSent()).isEqualTo(sent.stream().mapToLong(RtpPacket::size).sum());
        assertThat(b.rtpPacketsReceived()).isEqualTo(18);
        assertThat(b.rtpBytesReceived()).isEqualTo(a.rtpBytesSent());
        assertThat(a.rtpPacketsReceived()).isEqualTo(1);
        assertThat(b.srtpFailures() + b.malformed() + b.unknownSsrc()).isZero();
    }

    @Test
    void rtcpCompoundCrossesBothWaysWithAnEmptyReceiverReportInFrontWhenNeeded() throws Exception {
        RtpSessionConfig reducedAtB = new RtpSessionConfig(List.of(), 0xBBBB_0001, true, SrtpOptions.DEFAULT);
        RtpSessionConfig fullAtA = new RtpSessionConfig(List.of(), 0xAAAA_0001, false, SrtpOptions.DEFAULT);
        Peers peers = start(fullAtA, reducedAtB, RTCDtlsTransportOptions.defaults()).awaitConnected();
        RtcpReceived atA = new RtcpReceived();
        RtcpReceived atB = new RtcpReceived();
        run(peers.a(), () -> peers.a().addRtcpListener(atA));
        run(peers.b(), () -> peers.b().addRtcpListener(atB));

        // RFC 3550 §6.1: a compound packet that does not start with a report gets an empty RR first.
        PictureLossIndication pli = new PictureLossIndication(0x0101_0101, 0x0202_0202);
        run(peers.a(), () -> peers.a().rtcpOutput().write(List.of(pli)));
        assertThat(atB.next()).containsExactly(new ReceiverReport(0xAAAA_0001, List.of()), pli);

        // One that starts with a report crosses as it is.
        SenderReport sr = new SenderReport(0x0303_0303, 0x1234_5678_9ABC_DEF0L, 90_000, 10, 1_000, List.of());
        run(peers.a(), () -> peers.a().rtcpOutput().write(List.of(sr, pli)));
        assertThat(atB.next()).containsExactly(sr, pli);

        // RFC 5506 §3: reduced-size RTCP needs no report in front.
        run(peers.b(), () -> peers.b().rtcpOutput().write(List.of(pli)));
        assertThat(atA.next()).containsExactly(pli);

        assertThat(onLoop(peers.a(), peers.a()::stats).rtcpPacketsSent()).isEqualTo(2);
        assertThat(onLoop(peers.b(), peers.b()::stats).rtcpPacketsReceived()).isEqualTo(2);
    }

    @Test
    void rtxSsrcIsRoutedToTheMediaStreamsSinkUnchanged() throws Exception {
        Peers peers = connect();
        Received sink = new Received();
        RtpStreamInfo stream = video(0x5000, 0x5001, "v");
        run(peers.b(), () -> peers.b().bindRemoteStream(stream, sink));
        RtpOutput media = onLoop(peers.a(), () -> peers.a().bindLocalStream(video(0x5000, null, "v")));
        RtpOutput rtx = onLoop(peers.a(), () -> peers.a().bindLocalStream(video(0x5001, null, "v")));
        RtpPacket original = packet(0x5000, 10, null);
        // RFC 4588 §4: the RTX payload starts with the original sequence number.
        byte[] rtxPayload = new byte[2 + original.payloadLength()];
        rtxPayload[0] = 0;
        rtxPayload[1] = 10;
        original.payload().get(rtxPayload, 2, original.payloadLength());
        RtpPacket retransmission = RtpPacket.builder().payloadType(97).sequenceNumber(500).timestamp(original.timestamp())
                .ssrc(0x5001).payload(rtxPayload).build();

        run(peers.a(), () -> media.write(original));
        run(peers.a(), () -> rtx.write(retransmission));
        assertThat(sink.next()).isEqualTo(original);
        RtpPacket got = sink.next();
        assertThat(got).isEqualTo(retransmission);
        assertThat(got.ssrc()).isEqualTo(stream.rtxSsrc());
        // Both SSRCs are the stream's: binding another stream to the RTX SSRC is refused.
        assertThatThrownBy(() -> onLoop(peers.b(), () -> {
            peers.b().bindRemoteStream(video(0x5001, null, null), new Received());
            return null;
        })).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void unknownSsrcIsClaimedByItsMidAndItsFirstPacketDelivered_unclaimedOnesAreCounted() throws Exception {
        Peers peers = connect();
        Received sink = new Received();
        AtomicInteger asked = new AtomicInteger();
        RtpSession b = peers.b();
        // RFC 8843 §9.2: a receiver recognises a new SSRC by the MID header extension.
        run(b, () -> b.addUnknownSsrcHandler(packet -> {
            asked.incrementAndGet();
            ByteBuffer mid = EXTENSIONS.find(packet, MidExtension.URI);
            if (mid == null || !StandardCharsets.US_ASCII.decode(mid).toString().equals("video0")) {
                return false;
            }
            b.bindRemoteStream(video(packet.ssrc(), null, "video0"), sink);
            return true;
        }));
        RtpOutput known = onLoop(peers.a(), () -> peers.a().bindLocalStream(video(0x7777, null, "video0")));
        RtpOutput stranger = onLoop(peers.a(), () -> peers.a().bindLocalStream(video(0x8888, null, null)));

        RtpPacket first = packet(0x7777, 1, "video0");
        run(peers.a(), () -> known.write(first));
        assertThat(sink.next()).isEqualTo(first);
        run(peers.a(), () -> stranger.write(packet(0x8888, 1, "other")));
        run(peers.a(), () -> stranger.write(packet(0x8888, 2, null)));
        RtpPacket second = packet(0x7777, 2, null);
        run(peers.a(), () -> known.write(second));
        assertThat(sink.next()).isEqualTo(second);

        // The bound SSRC is not asked about again; the stranger is asked about each time, and kept nowhere.
        assertThat(asked.get()).isEqualTo(3);
        assertThat(onLoop(b, b::stats).unknownSsrc()).isEqualTo(2);
    }

    @Test
    void aPacketHundredsBehindTheNewestStillDecrypts() throws Exception {
        // WebRTC's 1024-packet SRTP replay window (libwebrtc's, Firefox's and aiortc's; libsrtp's
        // own default of 128 would refuse this packet as too old): a late retransmission or a
        // paced burst reordered by the network is not lost to replay protection.
        Peers peers = connect();
        Received sink = new Received();
        run(peers.b(), () -> peers.b().bindRemoteStream(video(0x5555, null, null), sink));
        RtpOutput out = onLoop(peers.a(), () -> peers.a().bindLocalStream(video(0x5555, null, null)));
        RtpPacket newest = packet(0x5555, 2000, null);
        RtpPacket late = packet(0x5555, 2000 - 1000, null);
        RtpPacket tooLate = packet(0x5555, 2000 - 1030, null);
        run(peers.a(), () -> out.write(newest));
        assertThat(sink.next()).isEqualTo(newest);
        run(peers.a(), () -> out.write(late));
        assertThat(sink.next()).isEqualTo(late);
        // Beyond the window: refused and counted (by the sending session already, whose SRTP
        // keeps the same window for the packets it protects, as libsrtp does).
        run(peers.a(), () -> out.write(tooLate));
        RtpPacket genuine = packet(0x5555, 2001, null);
        run(peers.a(), () -> out.write(genuine));
        assertThat(sink.next()).isEqualTo(genuine);
        assertThat(sink.packets).isEmpty();
        assertThat(onLoop(peers.a(), peers.a()::stats).srtpFailures()).isEqualTo(1);
        assertThat(onLoop(peers.b(), peers.b()::stats).rtpPacketsReceived()).isEqualTo(3);
    }

    @Test
    void tamperedSrtpAndMalformedDatagramsAreDroppedAndCounted() throws Exception {
        Peers peers = connect();
        Received sink = new Received();
        run(peers.b(), () -> peers.b().bindRemoteStream(video(0x4444, null, null), sink));
        RtpOutput out = onLoop(peers.a(), () -> peers.a().bindLocalStream(video(0x4444, null, null)));

        // An RTP packet of the bound SSRC with a tag that is not the key's: forged.
        byte[] plain = packet(0x4444, 1, null).toBuilder().toByteArray();
        byte[] forged = new byte[plain.length + 10];
        System.arraycopy(plain, 0, forged, 0, plain.length);
        peers.dtlsA().iceTransport().send(Unpooled.wrappedBuffer(forged));
        // An RTCP packet (second byte 200, RFC 5761 §4) shorter than SRTCP's trailer.
        peers.dtlsA().iceTransport().send(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, (byte) 200, 0, 1, 0, 0, 0, 1}));
        // Then a genuine packet; loopback keeps order, so by its arrival the others were handled.
        RtpPacket genuine = packet(0x4444, 2, null);
        run(peers.a(), () -> out.write(genuine));

        assertThat(sink.next()).isEqualTo(genuine);
        assertThat(sink.packets).isEmpty();
        RtpSessionStats stats = onLoop(peers.b(), peers.b()::stats);
        assertThat(stats.srtpFailures()).isEqualTo(1);
        assertThat(stats.malformed()).isEqualTo(1);
        assertThat(stats.rtpPacketsReceived()).isEqualTo(1);
    }

    @Test
    void writesBeforeDtlsConnectsAreDroppedAndCounted() throws Exception {
        // Transports made but never started: DTLS stays new.
        RTCDtlsTransport dtls = dtls(iceTransport(), RTCDtlsTransportOptions.defaults());
        RtpSession session = RtpSession.of(dtls);
        RtpOutput out = onLoop(session, () -> session.bindLocalStream(video(0x6666, null, null)));
        run(session, () -> out.write(packet(0x6666, 1, null)));
        run(session, () -> session.rtcpOutput().write(List.of(new PictureLossIndication(1, 2))));
        RtpSessionStats stats = onLoop(session, session::stats);
        assertThat(dtls.state()).isEqualTo(RTCDtlsTransportState.NEW);
        assertThat(stats.droppedNotConnected()).isEqualTo(2);
        assertThat(stats.rtpPacketsSent() + stats.rtcpPacketsSent()).isZero();
    }

    @Test
    void aConnectedTransportWithoutAnSrtpProfileDropsEveryWrite() throws Exception {
        Peers peers = start(RtpSessionConfig.withoutInterceptors(), RtpSessionConfig.withoutInterceptors(),
                RTCDtlsTransportOptions.defaults().withSrtpProfiles(List.of())).awaitConnected();
        RtpSession a = peers.a();
        assertThat(peers.dtlsA().srtpKeys()).isEmpty();
        RtpOutput out = onLoop(a, () -> a.bindLocalStream(video(0x6666, null, null)));
        run(a, () -> out.write(packet(0x6666, 1, null)));
        run(a, () -> out.write(packet(0x6666, 2, null)));
        RtpSessionStats stats = onLoop(a, a::stats);
        assertThat(stats.droppedNotConnected()).isEqualTo(2);
        assertThat(stats.rtpPacketsSent()).isZero();
    }

    @Test
    void aSinkOrListenerThatThrowsIsCountedAndDeliveryGoesOn() throws Exception {
        Peers peers = connect();
        RtpSession b = peers.b();
        Received sink = new Received();
        AtomicInteger calls = new AtomicInteger();
        run(b, () -> b.bindRemoteStream(video(0x3333, null, null), (packet, arrival) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("a receiver's bug");
            }
            sink.receive(packet, arrival);
        }));
        RtcpReceived rtcp = new RtcpReceived();
        run(b, () -> b.addRtcpListener((packets, arrival) -> {
            throw new IllegalStateException("a listener's bug");
        }));
        run(b, () -> b.addRtcpListener(rtcp));
        RtpOutput out = onLoop(peers.a(), () -> peers.a().bindLocalStream(video(0x3333, null, null)));

        run(peers.a(), () -> out.write(packet(0x3333, 1, null)));
        RtpPacket second = packet(0x3333, 2, null);
        run(peers.a(), () -> out.write(second));
        assertThat(sink.next()).isEqualTo(second);
        run(peers.a(), () -> peers.a().rtcpOutput().write(List.of(new PictureLossIndication(1, 0x3333))));
        assertThat(rtcp.next()).hasSize(2);
        assertThat(onLoop(b, b::callbackFailures)).isEqualTo(2);
        assertThat(onLoop(b, b::stats).rtpPacketsReceived()).isEqualTo(2);
    }

    @Test
    void boundSsrcsAreUniqueAndBounded() throws Exception {
        RtpSession session = RtpSession.of(dtls(iceTransport(), RTCDtlsTransportOptions.defaults()));
        Received sink = new Received();
        int streams = RtpSession.MAX_BOUND_SSRCS / 2;
        run(session, () -> {
            for (int i = 0; i < streams; i++) {
                session.bindRemoteStream(video(2 * i, 2 * i + 1, null), sink);
            }
        });
        // Each stream holds its media and its RTX SSRC: the table is full.
        assertThatThrownBy(() -> run(session, () -> session.bindRemoteStream(video(-1, null, null), sink)))
                .hasCauseInstanceOf(IllegalStateException.class);
        // The RTX SSRC of stream 0 is taken.
        run(session, () -> session.unbindRemoteStream(video(2, 3, null)));
        assertThatThrownBy(() -> run(session, () -> session.bindRemoteStream(video(-1, 1, null), sink)))
                .hasCauseInstanceOf(IllegalStateException.class);
        run(session, () -> session.bindRemoteStream(video(-1, -2, null), sink));
        run(session, () -> session.bindLocalStream(video(5, null, null)));
        assertThatThrownBy(() -> run(session, () -> session.bindLocalStream(video(5, null, null))))
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    /** An interceptor that logs what it is bound to and every packet it sees. */
    private static final class Recorder implements RtpInterceptor {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();

        @Override
        public RtcpInput bindRtcpInput(RtcpInput next) {
            events.add("bind rtcp input");
            return (packets, arrival) -> {
                events.add("rtcp in " + packets.size());
                next.receive(packets, arrival);
            };
        }

        @Override
        public RtcpOutput bindRtcpOutput(RtcpOutput next) {
            events.add("bind rtcp output");
            return packets -> {
                events.add("rtcp out " + packets.size());
                next.write(packets);
            };
        }

        @Override
        public RtpOutput bindLocalStream(RtpStreamInfo stream, RtpOutput next) {
            events.add("bind local " + Integer.toHexString(stream.ssrc()));
            return packet -> {
                events.add("rtp out " + packet.sequenceNumber());
                next.write(packet);
            };
        }

        @Override
        public void unbindLocalStream(RtpStreamInfo stream) {
            events.add("unbind local " + Integer.toHexString(stream.ssrc()));
        }

        @Override
        public RtpInput bindRemoteStream(RtpStreamInfo stream, RtpInput next) {
            events.add("bind remote " + Integer.toHexString(stream.ssrc()));
            return (packet, arrival) -> {
                events.add("rtp in " + packet.sequenceNumber());
                next.receive(packet, arrival);
            };
        }

        @Override
        public void unbindRemoteStream(RtpStreamInfo stream) {
            events.add("unbind remote " + Integer.toHexString(stream.ssrc()));
        }

        @Override
        public void close() {
            events.add("close");
            closed.complete(null);
        }
    }

    @Test
    void interceptorsSeeStreamsAndRtcpInOrderAndCloseWithTheTransport() throws Exception {
        Recorder atA = new Recorder();
        Recorder atB = new Recorder();
        RtpInterceptorFactory factoryA = context -> atA;
        RtpInterceptorFactory factoryB = context -> atB;
        Peers peers = start(new RtpSessionConfig(List.of(factoryA), 1, false, SrtpOptions.DEFAULT),
                new RtpSessionConfig(List.of(factoryB), 2, false, SrtpOptions.DEFAULT),
                RTCDtlsTransportOptions.defaults()).awaitConnected();
        Received sink = new Received();
        RtcpReceived rtcp = new RtcpReceived();
        RtpStreamInfo stream = video(0xABC, null, null);
        run(peers.b(), () -> peers.b().bindRemoteStream(stream, sink));
        run(peers.b(), () -> peers.b().addRtcpListener(rtcp));
        RtpOutput out = onLoop(peers.a(), () -> peers.a().bindLocalStream(stream));
        run(peers.a(), () -> out.write(packet(0xABC, 5, null)));
        sink.next();
        run(peers.a(), () -> peers.a().rtcpOutput().write(List.of(new PictureLossIndication(1, 0xABC))));
        rtcp.next();
        run(peers.a(), () -> peers.a().unbindLocalStream(stream));
        run(peers.a(), () -> out.write(packet(0xABC, 6, null)));
        run(peers.b(), () -> peers.b().unbindRemoteStream(stream));

        assertThat(atA.events).containsExactly("bind rtcp input", "bind rtcp output", "bind local abc", "rtp out 5",
                "rtcp out 1", "unbind local abc");
        // The interceptor sees the compound as it arrived: the empty RR in front, then the PLI.
        assertThat(atB.events).containsExactly("bind rtcp input", "bind rtcp output", "bind remote abc", "rtp in 5",
                "rtcp in 2", "unbind remote abc");

        peers.dtlsA().stop();
        atA.closed.get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(atA.events).endsWith("close");
        assertThat(peers.a().isClosed()).isTrue();
    }

    @Test
    void ofGivesOneSessionPerTransportUntilItClosesThenANewOne() throws Exception {
        Peers peers = connect();
        RtpSession first = peers.a();
        assertThat(RtpSession.of(peers.dtlsA())).isSameAs(first);
        assertThat(RtpSession.of(peers.dtlsB())).isSameAs(peers.b()).isNotSameAs(first);
        assertThat(first.scheduler()).isSameAs(peers.dtlsA().iceTransport().scheduler());

        CompletableFuture<Void> closed = new CompletableFuture<>();
        // Registered after the session's own listener, so it runs after the session closed.
        peers.dtlsA().onStateChange(state -> {
            if (state == RTCDtlsTransportState.CLOSED) {
                closed.complete(null);
            }
        });
        peers.dtlsA().stop();
        closed.get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(first.isClosed()).isTrue();
        RtpSession second = RtpSession.of(peers.dtlsA());
        assertThat(second).isNotSameAs(first);
        // Made for a closed transport, it is closed at once, and writes to it are counted.
        assertThat(onLoop(second, second::isClosed)).isTrue();
        RtpOutput out = onLoop(first, () -> first.bindLocalStream(video(1, null, null)));
        run(first, () -> out.write(packet(1, 1, null)));
        assertThat(onLoop(first, first::stats).droppedNotConnected()).isEqualTo(1);
    }
}
