package org.ortc4j.rtp.interceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.rtp.RTCRtcpParameters;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.packet.PictureLossIndication;
import org.ortc4j.rtp.packet.RtcpPacket;
import org.ortc4j.rtp.packet.RtpHeaderExtensionMap;
import org.ortc4j.rtp.packet.RtpPacket;

class RtpInterceptorChainTest {

    private static final RtpStreamInfo STREAM = new RtpStreamInfo(1234, "video",
            List.of(RTCRtpCodecParameters.newBuilder("video/VP8", 90_000, 96).build()),
            RtpHeaderExtensionMap.of(List.of()), new RTCRtcpParameters("cname"), null, "0", null);

    /** Records which interceptor saw what, in order, and passes everything on. */
    private static final class Recorder implements RtpInterceptor {
        private final String name;
        private final List<String> log;
        private boolean closed;

        Recorder(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public RtpOutput bindLocalStream(RtpStreamInfo stream, RtpOutput next) {
            return packet -> {
                log.add(name + " out " + packet.sequenceNumber());
                next.write(packet);
            };
        }

        @Override
        public RtpInput bindRemoteStream(RtpStreamInfo stream, RtpInput next) {
            return (packet, arrival) -> {
                log.add(name + " in " + packet.sequenceNumber());
                next.receive(packet, arrival);
            };
        }

        @Override
        public RtcpInput bindRtcpInput(RtcpInput next) {
            return (packets, arrival) -> {
                log.add(name + " rtcp in");
                next.receive(packets, arrival);
            };
        }

        @Override
        public RtcpOutput bindRtcpOutput(RtcpOutput next) {
            return packets -> {
                log.add(name + " rtcp out");
                next.write(packets);
            };
        }

        @Override
        public void unbindLocalStream(RtpStreamInfo stream) {
            log.add(name + " unbind local");
        }

        @Override
        public void close() {
            closed = true;
            log.add(name + " close");
        }
    }

    private static RtpPacket packet(int sequenceNumber) {
        return RtpPacket.builder().payloadType(96).sequenceNumber(sequenceNumber).ssrc(1234).payload(new byte[] {1}).build();
    }

    @Test
    void theFirstInterceptorSeesPacketsFirstInBothDirections() {
        List<String> log = new ArrayList<>();
        RtpInterceptorChain chain = new RtpInterceptorChain(List.of(new Recorder("a", log), new Recorder("b", log)));
        List<RtpPacket> wire = new ArrayList<>();
        chain.bindLocalStream(STREAM, wire::add).write(packet(7));
        List<RtpPacket> delivered = new ArrayList<>();
        chain.bindRemoteStream(STREAM, (packet, arrival) -> delivered.add(packet)).receive(packet(8), 0);
        List<List<RtcpPacket>> rtcpOut = new ArrayList<>();
        chain.bindRtcpOutput(rtcpOut::add).write(List.of(new PictureLossIndication(1, 2)));
        chain.bindRtcpInput((packets, arrival) -> log.add("delivered rtcp")).receive(List.of(), 0);

        assertThat(log).containsExactly("a out 7", "b out 7", "a in 8", "b in 8", "a rtcp out", "b rtcp out",
                "a rtcp in", "b rtcp in", "delivered rtcp");
        assertThat(wire).extracting(RtpPacket::sequenceNumber).containsExactly(7);
        assertThat(delivered).extracting(RtpPacket::sequenceNumber).containsExactly(8);
        assertThat(rtcpOut).hasSize(1);
    }

    @Test
    void anEmptyChainPassesStraightThrough() {
        RtpInterceptorChain chain = new RtpInterceptorChain(List.of());
        RtpOutput end = packet -> { };
        assertThat(chain.bindLocalStream(STREAM, end)).isSameAs(end);
    }

    @Test
    void closeClosesEveryInterceptorLastFirstEvenWhenOneFails() {
        List<String> log = new ArrayList<>();
        Recorder first = new Recorder("a", log);
        RtpInterceptor failing = new RtpInterceptor() {
            @Override
            public void close() {
                log.add("failing close");
                throw new IllegalStateException("boom");
            }
        };
        RtpInterceptorChain chain = new RtpInterceptorChain(List.of(first, failing));
        assertThatThrownBy(chain::close).hasMessage("boom");
        assertThat(log).containsExactly("failing close", "a close");
        assertThat(first.closed).isTrue();
    }

    @Test
    void createMakesOneInterceptorPerFactoryWithTheContext() {
        VirtualScheduler scheduler = new VirtualScheduler();
        RtpInterceptorContext context = new RtpInterceptorContext(scheduler, 0);
        List<RtpInterceptorContext> seen = new ArrayList<>();
        RtpInterceptorFactory factory = ctx -> {
            seen.add(ctx);
            return new RtpInterceptor() { };
        };
        RtpInterceptorChain chain = RtpInterceptorChain.create(List.of(factory, factory), context);
        assertThat(chain.interceptors()).hasSize(2);
        assertThat(seen).containsExactly(context, context);
        chain.unbindLocalStream(STREAM);
    }
}
