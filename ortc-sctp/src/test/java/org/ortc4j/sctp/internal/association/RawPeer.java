package org.ortc4j.sctp.internal.association;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.sctp.internal.packet.Chunk;
import org.ortc4j.sctp.internal.packet.CookieAckChunk;
import org.ortc4j.sctp.internal.packet.CookieEchoChunk;
import org.ortc4j.sctp.internal.packet.DataChunk;
import org.ortc4j.sctp.internal.packet.ForwardTsnSupportedParameter;
import org.ortc4j.sctp.internal.packet.InitAckChunk;
import org.ortc4j.sctp.internal.packet.InitChunk;
import org.ortc4j.sctp.internal.packet.Parameter;
import org.ortc4j.sctp.internal.packet.SctpPacket;
import org.ortc4j.sctp.internal.packet.SctpParseException;
import org.ortc4j.sctp.internal.packet.StateCookieParameter;

/**
 * A hand-driven SCTP peer for an association under test: it builds packets with the codec, so a
 * test can send exactly what a misbehaving or malicious peer would, and reads what comes back.
 */
final class RawPeer {

    final VirtualScheduler scheduler = new VirtualScheduler();
    final RecordingListener listener = new RecordingListener();
    final Association target;
    final List<SctpPacket> received = new ArrayList<>();
    final List<byte[]> receivedBytes = new ArrayList<>();
    final int myTag = 0x0BADCAFE;
    int peerTag;
    int nextTsn = 1000;
    InitAckChunk initAck;
    /** Runs on every packet the target sends, after it is recorded (may call into the target). */
    java.util.function.Consumer<byte[]> tap = b -> { };

    RawPeer(AssociationConfig config) {
        target = new Association(scheduler, config, p -> {
            byte[] b = new byte[p.remaining()];
            p.duplicate().get(b);
            receivedBytes.add(b);
            try {
                received.add(SctpPacket.decode(b, true));
            } catch (SctpParseException e) {
                throw new AssertionError("the association sent a malformed packet", e);
            }
            tap.accept(b);
        }, listener);
    }

    /** The passive handshake of the target, driven by this peer (INIT, COOKIE ECHO). */
    RawPeer handshake(List<Parameter> initParameters) {
        sendWithTag(0, new InitChunk(myTag, 1 << 20, 100, 100, nextTsn, initParameters));
        initAck = (InitAckChunk) lastChunk();
        peerTag = initAck.initiateTag();
        ByteBuffer cookie = initAck.parameter(StateCookieParameter.class).orElseThrow().cookie();
        send(new CookieEchoChunk(cookie));
        assertThat(lastChunk()).isInstanceOf(CookieAckChunk.class);
        assertThat(target.state()).isEqualTo(AssociationState.ESTABLISHED);
        return this;
    }

    RawPeer handshake() {
        return handshake(List.of(new ForwardTsnSupportedParameter()));
    }

    void send(Chunk... chunks) {
        sendWithTag(peerTag, chunks);
    }

    void sendWithTag(int tag, Chunk... chunks) {
        target.receive(ByteBuffer.wrap(new SctpPacket(5000, 5000, tag, List.of(chunks)).encode()));
    }

    void sendBytes(byte[] packet) {
        target.receive(ByteBuffer.wrap(packet));
    }

    byte[] packet(Chunk... chunks) {
        return new SctpPacket(5000, 5000, peerTag, List.of(chunks)).encode();
    }

    DataChunk data(int stream, int ssn, boolean beginning, boolean ending, byte[] payload) {
        return new DataChunk(false, false, beginning, ending, nextTsn++, stream, ssn, 53, ByteBuffer.wrap(payload));
    }

    Chunk lastChunk() {
        SctpPacket p = received.get(received.size() - 1);
        return p.chunks().get(p.chunks().size() - 1);
    }

    <T extends Chunk> List<T> chunks(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (SctpPacket p : received) {
            for (Chunk c : p.chunks()) {
                if (type.isInstance(c)) {
                    out.add(type.cast(c));
                }
            }
        }
        return out;
    }
}
