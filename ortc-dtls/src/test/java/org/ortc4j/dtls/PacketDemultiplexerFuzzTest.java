package org.ortc4j.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.ortc4j.dtls.internal.DtlsRecordFraming;
import org.ortc4j.dtls.internal.PacketDemultiplexer;
import org.ortc4j.dtls.internal.PacketKind;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCIceGatherer;
import org.ortc4j.ice.RTCIceGathererState;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.RTCIceTransport;
import org.ortc4j.ice.net.NettyNetwork;

/**
 * Fuzz target for what an {@code RTCDtlsTransport} does with a datagram from its ICE transport:
 * RFC 7983 demultiplexing ({@link PacketDemultiplexer}), the record framing check
 * ({@link DtlsRecordFraming}), and the datagram entry point of an established transport. Without
 * {@code JAZZER_FUZZ=1} it replays the inputs under
 * {@code src/test/resources/org/ortc4j/dtls/PacketDemultiplexerFuzzTestInputs/} (a whole OpenSSL
 * DTLS 1.2 handshake captured on loopback, datagram by datagram, with application data and
 * close_notify; a STUN request of RFC 5769; RTP, RTCP, ZRTP and TURN ChannelData; truncated and
 * over-long records); {@code .ci/fuzz} runs it in fuzzing mode for a bounded time.
 *
 * <p>What must hold for every input:
 * <ul>
 *   <li>classification follows the table of RFC 7983 §7 by the first byte, an empty datagram is
 *       "other", and neither it nor the framing check throws or moves the buffer's indexes;
 *   <li>a datagram the framing check accepts is whole RFC 6347 §4.1 records, back to back;
 *   <li>the established transports (one client, one server) take it on their loop without an
 *       exception, release it or hand it to the SRTP handler (no leak: its reference count is 0
 *       after), count it as dropped exactly when it is not DTLS-shaped or SRTP, never deliver it
 *       as application data, and stay connected: a probe sent after it still arrives.
 * </ul>
 */
class PacketDemultiplexerFuzzTest {

    private static final RTCIceGatherOptions LOOPBACK = RTCIceGatherOptions.newBuilder().includeLoopback(true).build();

    private static Side client;
    private static Side server;
    private static final List<Runnable> CLOSE = new ArrayList<>();
    private static int probes;

    @BeforeAll
    static void establish() throws Exception {
        RTCIceTransport a = new RTCIceTransport(new RTCIceGatherer(LOOPBACK, NettyNetwork.shared().newStack()));
        RTCIceTransport b = new RTCIceTransport(new RTCIceGatherer(LOOPBACK, NettyNetwork.shared().newStack()));
        for (RTCIceTransport t : new RTCIceTransport[] {a, b}) {
            CLOSE.add(() -> {
                t.stop();
                t.iceGatherer().close();
            });
        }
        CompletableFuture.allOf(a.iceGatherer().gather(), b.iceGatherer().gather()).get(10, TimeUnit.SECONDS);
        assertThat(a.iceGatherer().state()).isEqualTo(RTCIceGathererState.COMPLETE);
        a.iceGatherer().getLocalCandidates().forEach(b::addRemoteCandidate);
        b.iceGatherer().getLocalCandidates().forEach(a::addRemoteCandidate);
        a.addRemoteCandidate(null);
        b.addRemoteCandidate(null);
        client = new Side(a, RTCCertificate.generate());
        server = new Side(b, RTCCertificate.generate());
        CompletableFuture.allOf(a.start(b.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLING),
                b.start(a.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLED)).get(10, TimeUnit.SECONDS);
        // auto: the ICE controlling side is the DTLS client.
        CompletableFuture.allOf(client.dtls.start(server.dtls.getLocalParameters()),
                server.dtls.start(client.dtls.getLocalParameters())).get(10, TimeUnit.SECONDS);
        assertThat(client.dtls.role()).contains(RTCDtlsRole.CLIENT);
    }

    @AfterAll
    static void close() {
        CLOSE.forEach(Runnable::run);
    }

    @FuzzTest(maxDuration = "7s")
    void anyDatagramIsClassifiedAndDroppedOrDeliveredWithoutHarm(FuzzedDataProvider data) throws Exception {
        byte[] input = data.consumeRemainingAsBytes();

        PacketKind kind = classifies(input);
        boolean wellFormed = checksFraming(input, kind);

        for (Side side : new Side[] {client, server}) {
            side.take(input, kind, wellFormed);
        }
        probe(client, server);
        probe(server, client);
    }

    /** RFC 7983 §7, by the first byte; the buffer is left as it was. */
    private static PacketKind classifies(byte[] input) {
        ByteBuf buf = offsetCopy(input);
        int reader = buf.readerIndex();
        int writer = buf.writerIndex();
        PacketKind kind = PacketDemultiplexer.classify(buf);
        assertThat(buf.readerIndex()).isEqualTo(reader);
        assertThat(buf.writerIndex()).isEqualTo(writer);
        buf.release();
        if (input.length == 0) {
            assertThat(kind).isEqualTo(PacketKind.OTHER);
            return kind;
        }
        int b = input[0] & 0xFF;
        PacketKind expected = b <= 3 ? PacketKind.STUN
                : b >= 16 && b <= 19 ? PacketKind.ZRTP
                : b >= 20 && b <= 63 ? PacketKind.DTLS
                : b >= 64 && b <= 79 ? PacketKind.TURN_CHANNEL
                : b >= 128 && b <= 191 ? PacketKind.RTP_RTCP
                : PacketKind.OTHER;
        assertThat(kind).isEqualTo(expected);
        assertThat(PacketDemultiplexer.classify(input[0])).isEqualTo(expected);
        return kind;
    }

    /** The framing check agrees on heap and offset buffers and accepts only whole records. */
    private static boolean checksFraming(byte[] input, PacketKind kind) {
        ByteBuf buf = offsetCopy(input);
        int reader = buf.readerIndex();
        boolean wellFormed = DtlsRecordFraming.isWellFormed(buf);
        assertThat(buf.readerIndex()).isEqualTo(reader);
        buf.release();
        assertThat(DtlsRecordFraming.isWellFormed(input)).isEqualTo(wellFormed);
        if (wellFormed) {
            assertThat(kind).isEqualTo(PacketKind.DTLS);
            // RFC 6347 §4.1: type(1) version(2) epoch(2) sequence_number(6) length(2) fragment.
            int offset = 0;
            while (offset < input.length) {
                assertThat(input.length - offset).isGreaterThanOrEqualTo(DtlsRecordFraming.HEADER_LENGTH);
                int length = ((input[offset + 11] & 0xFF) << 8) | (input[offset + 12] & 0xFF);
                offset += DtlsRecordFraming.HEADER_LENGTH + length;
            }
            assertThat(offset).isEqualTo(input.length);
        }
        return wellFormed;
    }

    /** A copy of {@code input} that does not start at index 0 of its buffer, as a slice of a socket read would not. */
    private static ByteBuf offsetCopy(byte[] input) {
        ByteBuf buf = Unpooled.buffer(input.length + 3);
        buf.writeBytes(new byte[] {(byte) 0xAA, (byte) 0xBB, (byte) 0xCC});
        buf.writeBytes(input);
        buf.skipBytes(3);
        return buf;
    }

    /** {@code from} sends a numbered message; {@code to} receives it next, and nothing else before it. */
    private static void probe(Side from, Side to) throws Exception {
        String probe = "probe " + probes++;
        from.dtls.send(ByteBuffer.wrap(probe.getBytes(StandardCharsets.UTF_8)));
        assertThat(to.received.poll(5, TimeUnit.SECONDS)).isEqualTo(probe);
        assertThat(from.dtls.state()).isEqualTo(RTCDtlsTransportState.CONNECTED);
        assertThat(to.dtls.state()).isEqualTo(RTCDtlsTransportState.CONNECTED);
    }

    /** One established transport, with the entry point it installed on its ICE transport. */
    private static final class Side {
        final RTCDtlsTransport dtls;
        final RTCIceTransport ice;
        final Consumer<ByteBuf> entry;
        final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<byte[]> srtp = new LinkedBlockingQueue<>();

        Side(RTCIceTransport ice, RTCCertificate certificate) {
            this.ice = ice;
            this.dtls = new RTCDtlsTransport(ice, List.of(certificate));
            CLOSE.add(0, dtls::stop);
            dtls.setDataHandler(data -> received.add(StandardCharsets.UTF_8.decode(data).toString()));
            dtls.setSrtpHandler(packet -> {
                srtp.add(ByteBufUtil.getBytes(packet));
                packet.release();
            });
            // RTCDtlsTransport installs its package-private receive as the ICE data handler: the
            // entry point of every non-STUN datagram.
            this.entry = dtls::receive;
        }

        /**
         * Hands {@code input} to the transport as its ICE transport would, on the loop, and checks
         * what became of it.
         */
        void take(byte[] input, PacketKind kind, boolean wellFormed) throws Exception {
            ByteBuf buf = offsetCopy(input);
            long droppedBefore = dtls.droppedPackets();
            CompletableFuture<Throwable> thrown = new CompletableFuture<>();
            ice.scheduler().execute(() -> {
                try {
                    entry.accept(buf);
                    thrown.complete(null);
                } catch (Throwable t) {
                    thrown.complete(t);
                }
            });
            assertThat(thrown.get(5, TimeUnit.SECONDS)).as("what the entry point threw").isNull();
            assertThat(buf.refCnt()).as("references left on the datagram").isZero();
            long dropped = dtls.droppedPackets() - droppedBefore;
            if (kind == PacketKind.RTP_RTCP) {
                assertThat(srtp.poll()).isEqualTo(input);
                assertThat(dropped).isZero();
            } else if (kind == PacketKind.DTLS && wellFormed
                    && DtlsRecordFraming.isWellFormed(Unpooled.wrappedBuffer(input), dtls.minProtectedFragment())) {
                // Whole records go to DTLS, which silently discards what does not authenticate
                // (RFC 6347 §4.1.2.7); only records beyond the queue's bound are counted. A
                // protected record too short for the negotiated cipher's nonce and tag is dropped
                // and counted before Bouncy Castle, which would otherwise fail the connection.
                assertThat(dropped).isZero();
            } else {
                assertThat(dropped).isEqualTo(1);
            }
            assertThat(srtp).isEmpty();
            assertThat(received).as("fuzz input delivered as application data").isEmpty();
        }
    }
}
