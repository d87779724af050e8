package org.ortc4j.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCIceGatherer;
import org.ortc4j.ice.RTCIceGathererState;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.RTCIceTransport;
import org.ortc4j.ice.net.NettyNetwork;
import org.ortc4j.ice.net.NetworkStack;
import org.ortc4j.ice.net.UdpSocket;

/**
 * The time from {@code RTCIceTransport.start} to {@code connected} for two transports on this
 * machine's real UDP sockets (Netty, loopback included), warm, against the baseline of one UDP
 * round trip between two sockets of the same network in the same run: ICE needs at least a
 * check and its answer (one round trip) and then the nomination (a second).
 *
 * <p>Gathering happens before the measured part ({@link Level#Invocation} set-up): the figure is
 * the ICE checks alone, as in issue 4's "time from start to connected".
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class IceConnectBenchmark {

    private static final RTCIceGatherOptions OPTIONS =
            RTCIceGatherOptions.newBuilder().includeLoopback(true).build();

    /** Two gathered, unstarted transports wired by trickle, made anew for every connection. */
    @State(Scope.Thread)
    public static class Pair {
        RTCIceTransport a;
        RTCIceTransport b;

        @Setup(Level.Invocation)
        public void gather() throws Exception {
            a = new RTCIceTransport(new RTCIceGatherer(OPTIONS, NettyNetwork.shared().newStack()));
            b = new RTCIceTransport(new RTCIceGatherer(OPTIONS, NettyNetwork.shared().newStack()));
            CompletableFuture.allOf(a.iceGatherer().gather(), b.iceGatherer().gather()).get(10, TimeUnit.SECONDS);
            a.iceGatherer().getLocalCandidates().forEach(b::addRemoteCandidate);
            b.iceGatherer().getLocalCandidates().forEach(a::addRemoteCandidate);
            a.addRemoteCandidate(null);
            b.addRemoteCandidate(null);
            if (a.iceGatherer().state() != RTCIceGathererState.COMPLETE) {
                throw new IllegalStateException("gathering did not complete");
            }
        }

        @TearDown(Level.Invocation)
        public void close() {
            a.stop();
            b.stop();
            a.iceGatherer().close();
            b.iceGatherer().close();
        }
    }

    /** Two bound UDP sockets; the second echoes what it receives. */
    @State(Scope.Thread)
    public static class Sockets {
        NetworkStack pingStack;
        UdpSocket ping;
        UdpSocket echo;
        final AtomicReference<CompletableFuture<Void>> answer = new AtomicReference<>();

        @Setup
        public void bind() throws Exception {
            NetworkStack stackA = NettyNetwork.shared().newStack();
            pingStack = stackA;
            NetworkStack stackB = NettyNetwork.shared().newStack();
            InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            echo = stackB.bindUdp(loopback, (socket, from, data) -> socket.send(data, from)).get(10, TimeUnit.SECONDS);
            ping = stackA.bindUdp(loopback, (socket, from, data) -> {
                data.release();
                answer.get().complete(null);
            }).get(10, TimeUnit.SECONDS);
        }

        @TearDown
        public void close() {
            ping.close();
            echo.close();
        }
    }

    @Benchmark
    public void startToConnected(Pair pair) throws Exception {
        CompletableFuture<Void> a = pair.a.start(pair.b.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLING);
        CompletableFuture<Void> b = pair.b.start(pair.a.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLED);
        CompletableFuture.allOf(a, b).get(10, TimeUnit.SECONDS);
    }

    @Benchmark
    public void udpRoundTripBaseline(Sockets sockets) throws Exception {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        sockets.answer.set(answered);
        ByteBuf ping = Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, 0, 0, 1});
        // A UdpSocket is used on its loop: hop there, as RTCIceTransport.send does.
        UdpSocket socket = sockets.ping;
        InetSocketAddress to = sockets.echo.localAddress();
        sockets.pingStack.scheduler().execute(() -> socket.send(ping, to));
        answered.get(10, TimeUnit.SECONDS);
    }
}
