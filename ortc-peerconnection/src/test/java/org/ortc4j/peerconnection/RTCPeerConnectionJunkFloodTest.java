package org.ortc4j.peerconnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.await;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.gatheringComplete;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.opened;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.RTCIceTransport;
import org.ortc4j.sctp.RTCDataChannel;
import org.ortc4j.sctp.RTCDataChannelState;

/**
 * Junk UDP at an established connection's ports (issue 10: "a flood of junk UDP at our ports
 * costs little CPU and never disturbs established connections"). Two of our peer connections on
 * loopback exchange data channel messages both ways while another socket floods every local host
 * candidate of both with random bytes, STUN Binding requests that carry the right USERNAME but a
 * wrong MESSAGE-INTEGRITY, DTLS application-data records of a made-up epoch and SRTP-looking
 * packets. Every message must arrive, in order, the connections must stay connected, and the ICE
 * agents must count the junk as dropped (RFC 8445 §7.3 accepts data only from a candidate pair's
 * remote address; RFC 5389 §10.1.2 drops a request whose MESSAGE-INTEGRITY does not verify).
 * The CPU the process spends per junk datagram is measured and printed.
 */
class RTCPeerConnectionJunkFloodTest {

    static final long TIMEOUT_SECONDS = 20;
    /** Junk datagrams per second, all targets together. */
    static final int JUNK_RATE = 20_000;
    /**
     * Junk datagrams per flood: three seconds' worth. A count rather than a duration, so that a
     * machine too loaded to send at the rate floods for longer instead of with less.
     */
    static final long FLOOD_DATAGRAMS = 3L * JUNK_RATE;
    /** Messages sent each way at a time; the next batch goes when both have arrived. */
    static final int BATCH = 20;
    static final int MESSAGE_SIZE = 600;

    @AutoClose
    private final LoopbackPeers peers = new LoopbackPeers();
    private final RTCPeerConnection offerer = peers.offerer;
    private final RTCPeerConnection answerer = peers.answerer;

    @Test
    void junkAtTheCandidatePortsIsDroppedAndCountedWhileMessagesKeepArriving() throws Exception {
        List<RTCPeerConnectionState> laterStates = new CopyOnWriteArrayList<>();
        CompletableFuture<RTCDataChannel> answererChannel = new CompletableFuture<>();
        answerer.onDataChannel(answererChannel::complete);
        RTCDataChannel offererChannel = offerer.createDataChannel("under-fire");
        CompletableFuture<Void> open = opened(offererChannel);
        connect();
        await(open);
        RTCDataChannel theirs = await(answererChannel);
        await(opened(theirs));
        offerer.onConnectionStateChange(laterStates::add);
        answerer.onConnectionStateChange(laterStates::add);

        Receiver atAnswerer = new Receiver(theirs);
        Receiver atOfferer = new Receiver(offererChannel);
        RTCIceTransport offererIce = ice(offerer);
        RTCIceTransport answererIce = ice(answerer);
        long droppedBefore = dropped(offererIce) + dropped(answererIce);
        long kernelDroppedBefore = udpReceiveBufferErrors();
        long dtlsDroppedBefore = offerer.sctp().transport().droppedPackets() + answerer.sctp().transport().droppedPackets();

        // A STUN request that passes the ufrag check and fails integrity: USERNAME "theirs:ours"
        // as RFC 8445 §7.2.2 has the checking side write it.
        String offererUfrag = ufrag(offerer.localDescription().sdp());
        String answererUfrag = ufrag(answerer.localDescription().sdp());
        List<Target> targets = new ArrayList<>();
        hostCandidates(offerer.localDescription().sdp())
                .forEach(a -> targets.add(new Target(a, offererUfrag + ":" + answererUfrag)));
        hostCandidates(answerer.localDescription().sdp())
                .forEach(a -> targets.add(new Target(a, answererUfrag + ":" + offererUfrag)));
        assertThat(targets).isNotEmpty();

        Flood flood = new Flood(targets, 2);
        Thread floodThread = new Thread(flood::run, "junk-flood");
        floodThread.start();
        long messages = 0;
        do {
            for (int i = 0; i < BATCH; i++) {
                offererChannel.send(message(messages + i));
                theirs.send(message(messages + i));
            }
            messages += BATCH;
            assertThat(atAnswerer.arrived.tryAcquire(BATCH, TIMEOUT_SECONDS, TimeUnit.SECONDS))
                    .as("messages up to %d at the answerer", messages).isTrue();
            assertThat(atOfferer.arrived.tryAcquire(BATCH, TIMEOUT_SECONDS, TimeUnit.SECONDS))
                    .as("messages up to %d at the offerer", messages).isTrue();
        } while (floodThread.isAlive());
        floodThread.join();

        assertThat(messages).isGreaterThan(BATCH);

        // The CPU cost of junk, with no messages (after the flood above, so that the code that
        // handles junk is compiled): the process's CPU time while the same flood goes to a port
        // nobody reads (the sender's own cost and the connections' idle cost), then to our
        // candidates' ports; the difference is what receiving and dropping the junk costs us.
        long baselineCpu;
        long floodCpu;
        Flood nowhere = new Flood(targets, 1);
        Flood costRun = new Flood(targets, 1);
        try (DatagramChannel unread = DatagramChannel.open()) {
            unread.bind(new InetSocketAddress("127.0.0.1", 0));
            nowhere.retarget(((InetSocketAddress) unread.getLocalAddress()).getPort());
            long before = processCpuNanos();
            long kernelBefore = udpReceiveBufferErrors();
            nowhere.run();
            baselineCpu = processCpuNanos() - before;
            // Nobody reads that socket: its junk is dropped by the kernel, not to be counted below.
            kernelDroppedBefore += udpReceiveBufferErrors() - kernelBefore;
        }
        long before = processCpuNanos();
        costRun.run();
        floodCpu = processCpuNanos() - before;
        double nanosPerDatagram = (double) Math.max(0, floodCpu - baselineCpu) / costRun.sent;

        assertThat(atAnswerer.broken.get()).isNull();
        assertThat(atOfferer.broken.get()).isNull();
        assertThat(offerer.connectionState()).isEqualTo(RTCPeerConnectionState.CONNECTED);
        assertThat(answerer.connectionState()).isEqualTo(RTCPeerConnectionState.CONNECTED);
        assertThat(laterStates).as("connection state changes during the flood").isEmpty();
        assertThat(offererChannel.readyState()).isEqualTo(RTCDataChannelState.OPEN);

        long junk = costRun.sent + flood.sent;
        long droppedByIce = dropped(offererIce) + dropped(answererIce) - droppedBefore;
        long droppedByDtls = offerer.sctp().transport().droppedPackets() + answerer.sctp().transport().droppedPackets()
                - dtlsDroppedBefore;
        long kernelDropped = udpReceiveBufferErrors() - kernelDroppedBefore;
        System.out.printf("junk flood: %d datagrams sent (%d during %d messages each way), ICE agents dropped %d,"
                + " the kernel %d (all UDP sockets of the host), DTLS dropped %d; process CPU %.1f µs per junk"
                + " datagram (%d ms flooding us, %d ms flooding an unread socket, %d datagrams each)%n",
                junk, flood.sent, messages, droppedByIce, kernelDropped, droppedByDtls, nanosPerDatagram / 1000,
                floodCpu / 1_000_000, baselineCpu / 1_000_000, costRun.sent);
        assertThat(flood.sent).isEqualTo(FLOOD_DATAGRAMS);
        // Junk comes from an address of no candidate pair: the agents drop it all before DTLS and
        // count it. What the loops do not read in time the kernel drops from the sockets' receive
        // buffers (its counter is the host's: other sockets' drops may add to it). None may reach
        // DTLS.
        assertThat(droppedByIce).isPositive().isLessThanOrEqualTo(junk);
        assertThat(droppedByIce + kernelDropped).isGreaterThanOrEqualTo(junk * 9 / 10);
        assertThat(droppedByDtls).isZero();
        // A junk datagram costs a socket read and a look at its first bytes: far under the
        // 1 ms that would let a 1,000-packet/s flood take a core.
        if (floodCpu >= 0) {
            assertThat(nanosPerDatagram).isLessThan(100_000);
        }
    }

    /** A local candidate's address and the USERNAME a check to it carries. */
    record Target(InetSocketAddress address, String username) {}

    /** Sends {@link #FLOOD_DATAGRAMS} junk datagrams at the targets, at {@link #JUNK_RATE} at most. */
    static final class Flood {
        List<Target> targets;
        final SplittableRandom random;
        volatile long sent;

        Flood(List<Target> targets, long seed) {
            this.targets = targets;
            this.random = new SplittableRandom(seed);
        }

        /** Sends to one port of this host instead, with the same junk. */
        void retarget(int port) {
            List<Target> moved = new ArrayList<>();
            for (Target t : targets) {
                moved.add(new Target(new InetSocketAddress("127.0.0.1", port), t.username()));
            }
            targets = moved;
        }

        void run() {
            ByteBuffer buffer = ByteBuffer.allocate(1500);
            try (DatagramChannel socket = DatagramChannel.open()) {
                socket.bind(new InetSocketAddress("127.0.0.1", 0));
                long start = System.nanoTime();
                while (sent < FLOOD_DATAGRAMS) {
                    long now = System.nanoTime();
                    long due = Math.min(FLOOD_DATAGRAMS, (now - start) * JUNK_RATE / 1_000_000_000L);
                    long count = sent;
                    while (count < due) {
                        Target target = targets.get((int) (count % targets.size()));
                        junk(buffer, (int) (count / targets.size() & 3), target.username());
                        socket.send(buffer, target.address());
                        count++;
                    }
                    sent = count;
                    // Pacing the sender, not waiting for a result.
                    LockSupport.parkNanos(200_000);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        void junk(ByteBuffer b, int kind, String username) {
            b.clear();
            switch (kind) {
                case 0 -> { // random bytes, any first byte
                    int length = 1 + random.nextInt(1200);
                    for (int i = 0; i < length; i++) {
                        b.put((byte) random.nextInt());
                    }
                }
                case 1 -> stun(b, username.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                case 2 -> { // RFC 6347 §4.1: application_data, DTLS 1.2, an epoch never used
                    b.put((byte) 23).putShort((short) 0xFEFD).putShort((short) 7).putShort((short) 0)
                            .putInt(random.nextInt());
                    int length = 100 + random.nextInt(1000);
                    b.putShort((short) length);
                    for (int i = 0; i < length; i++) {
                        b.put((byte) random.nextInt());
                    }
                }
                default -> { // SRTP-looking: V=2, PT 96, random SSRC, payload and tag
                    b.put((byte) 0x80).put((byte) 96).putShort((short) random.nextInt()).putInt(random.nextInt())
                            .putInt(random.nextInt());
                    int length = 100 + random.nextInt(1100);
                    for (int i = 0; i < length; i++) {
                        b.put((byte) random.nextInt());
                    }
                }
            }
            b.flip();
        }

        /**
         * RFC 5389 §6 and §15: a Binding request with USERNAME, a MESSAGE-INTEGRITY of random
         * bytes (so it fails verification) and a correct FINGERPRINT (so it gets that far).
         */
        void stun(ByteBuffer b, byte[] username) {
            int usernamePadded = (username.length + 3) & ~3;
            int length = 4 + usernamePadded + 24 + 8;
            b.putShort((short) 0x0001).putShort((short) length).putInt(0x2112A442);
            for (int i = 0; i < 12; i++) {
                b.put((byte) random.nextInt());
            }
            b.putShort((short) 0x0006).putShort((short) username.length).put(username);
            for (int i = username.length; i < usernamePadded; i++) {
                b.put((byte) 0);
            }
            b.putShort((short) 0x0008).putShort((short) 20);
            for (int i = 0; i < 20; i++) {
                b.put((byte) random.nextInt());
            }
            CRC32 crc = new CRC32();
            crc.update(b.array(), 0, b.position());
            b.putShort((short) 0x8028).putShort((short) 4).putInt((int) (crc.getValue() ^ 0x5354554EL));
        }
    }

    /** Checks that messages arrive whole and in order, and counts down when all have. */
    static final class Receiver {
        final Semaphore arrived = new Semaphore(0);
        final AtomicReference<String> broken = new AtomicReference<>();
        final AtomicLong next = new AtomicLong();

        Receiver(RTCDataChannel channel) {
            channel.onMessage(m -> {
                ByteBuffer data = m.data();
                long expected = next.getAndIncrement();
                if (m.length() != MESSAGE_SIZE || data.getLong(data.position()) != expected) {
                    broken.compareAndSet(null, "message " + expected + " arrived as " + data.getLong(data.position()));
                }
                arrived.release();
            });
        }
    }

    static byte[] message(long sequence) {
        byte[] message = new byte[MESSAGE_SIZE];
        ByteBuffer.wrap(message).putLong(sequence);
        return message;
    }

    private void connect() throws Exception {
        CompletableFuture<Void> offerGathered = gatheringComplete(offerer);
        await(offerer.setLocalDescription(await(offerer.createOffer())));
        await(offerGathered);
        await(answerer.setRemoteDescription(offerer.localDescription()));
        CompletableFuture<Void> answerGathered = gatheringComplete(answerer);
        await(answerer.setLocalDescription(await(answerer.createAnswer())));
        await(answerGathered);
        await(offerer.setRemoteDescription(answerer.localDescription()));
    }

    static RTCIceTransport ice(RTCPeerConnection pc) {
        return pc.sctp().transport().iceTransport();
    }

    /** The agent's drop counters, read on its loop. */
    static long dropped(RTCIceTransport ice) throws Exception {
        CompletableFuture<Long> dropped = new CompletableFuture<>();
        ice.scheduler().execute(() -> dropped.complete(ice.packetsDropped()));
        return await(dropped);
    }

    /** RFC 8839 §5.1: "a=candidate:foundation component transport priority address port typ host". */
    static List<InetSocketAddress> hostCandidates(String sdp) {
        List<InetSocketAddress> targets = new ArrayList<>();
        for (String line : sdp.split("\r\n")) {
            if (line.startsWith("a=candidate:")) {
                String[] f = line.split(" ");
                if (f.length > 7 && f[2].equalsIgnoreCase("udp") && f[7].equals("host")) {
                    InetSocketAddress target = new InetSocketAddress(f[4], Integer.parseInt(f[5]));
                    // Every IPv4 host candidate: this machine's own addresses, reachable from here.
                    if (target.getAddress() instanceof java.net.Inet4Address && !targets.contains(target)) {
                        targets.add(target);
                    }
                }
            }
        }
        return targets;
    }

    static String ufrag(String sdp) {
        for (String line : sdp.split("\r\n")) {
            if (line.startsWith("a=ice-ufrag:")) {
                return line.substring("a=ice-ufrag:".length());
            }
        }
        throw new AssertionError("no a=ice-ufrag in " + sdp);
    }

    /**
     * The host's UDP datagrams dropped for a full receive buffer (RcvbufErrors of the Udp line of
     * /proc/net/snmp), or 0 where there is none.
     */
    static long udpReceiveBufferErrors() {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/snmp"));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:")) {
                    List<String> names = List.of(lines.get(i).split(" +"));
                    return Long.parseLong(lines.get(i + 1).split(" +")[names.indexOf("RcvbufErrors")]);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no /proc: nothing known
        }
        return 0;
    }

    /**
     * The process's user and system CPU time (proc(5): fields 14 and 15 of /proc/self/stat, in
     * clock ticks of 10 ms), or -1 where there is no /proc. (java.lang.management is not read by
     * this module.)
     */
    static long processCpuNanos() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command: field 3 (state) is f[0], so field 14 is f[11] and 15 is f[12].
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }
}
