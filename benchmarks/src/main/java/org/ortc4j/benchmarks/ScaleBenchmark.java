package org.ortc4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.ortc4j.dtls.RTCCertificate;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCStats;
import org.ortc4j.ice.RTCStatsReport;
import org.ortc4j.ice.RTCStatsType;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.MediaKind;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.media.TimeBase;
import org.ortc4j.peerconnection.RTCBundlePolicy;
import org.ortc4j.peerconnection.RTCConfiguration;
import org.ortc4j.peerconnection.RTCPeerConnection;
import org.ortc4j.peerconnection.RTCPeerConnectionState;
import org.ortc4j.sctp.RTCDataChannel;

/**
 * Issue 10's scale benchmark (a main program, not JMH): N of our {@link RTCPeerConnection}s in
 * this JVM, in N/2 offerer–answerer pairs on loopback (max-bundle, host candidates through the
 * public constructor with {@code includeLoopback(true)}), each sending and receiving one data
 * channel message of 100 bytes per second and one Opus-sized RTP stream (50 packets/s, payloads
 * of 60–120 bytes, passed through as {@link EncodedFrame}s and received undecoded through
 * {@link RTCPeerConnection#decodeReceivedMedia(boolean)}, so no codec cost is measured). N
 * counts peer connections, not pairs: each does what one connection of a server does (send and
 * receive a stream and messages); the JVM hosts both ends.
 *
 * <p>For each N (ascending; connections are added to those already running, in batches so that
 * set-up does not starve them), after a warm-up it measures a window and prints: process CPU
 * time per wall second (cores), CPU per connection and its ratio to the first N's (the
 * baseline: a flat ratio means cost grows linearly with N), heap after a full GC, direct
 * buffers, live threads, open file descriptors, the load average, RTP packets sent and received
 * per second and lost (getStats outbound-rtp packetsSent, inbound-rtp packetsReceived and
 * packetsLost over the window), and data channel messages sent and received (all messages
 * since the start, counted after a 1 s pause in sending lets those in flight arrive). Thread
 * names (digits folded) show which threads exist per connection.
 *
 * <pre>
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar org.ortc4j.benchmarks.ScaleBenchmark 100 500 1000 2000
 * </pre>
 *
 * System properties: {@code scale.window} (measured seconds, 30), {@code scale.warmup} (10),
 * {@code scale.batch} (pairs set up at once, 20), {@code scale.timeout} (seconds a batch may take, 60),
 * {@code scale.media} (false: the tracks get no frames, channels only).
 */
public final class ScaleBenchmark {

    private static final RTCIceGatherOptions LOOPBACK = RTCIceGatherOptions.newBuilder().includeLoopback(true).build();
    private static final int WINDOW_SECONDS = Integer.getInteger("scale.window", 30);
    private static final int WARMUP_SECONDS = Integer.getInteger("scale.warmup", 10);
    private static final int BATCH = Integer.getInteger("scale.batch", 20);
    private static final int BATCH_TIMEOUT_SECONDS = Integer.getInteger("scale.timeout", 60);
    /** False: channels only, no RTP (for the memory and set-up of large N on a busy machine). */
    private static final boolean MEDIA = !"false".equals(System.getProperty("scale.media"));
    /** RFC 7587: Opus RTP timestamps run at 48 kHz; 20 ms frames, 50 packets per second. */
    private static final TimeBase OPUS_CLOCK = new TimeBase(1, 48_000);
    private static final int FRAME_MILLIS = 20;
    private static final int SAMPLES_PER_FRAME = 960;
    private static final int MESSAGE_BYTES = 100;
    /** Frames a sender had not yet asked for when the next came (it fell behind). */
    private static final LongAdder FRAMES_REPLACED = new LongAdder();

    private final List<Pair> pairs = new ArrayList<>();
    private volatile Pair[] running = new Pair[0];
    private volatile boolean messagesPaused;
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder messagesReceived = new LongAdder();
    private final LongAdder sendsRefused = new LongAdder();
    private final byte[][] payloads = new byte[64][];
    private final byte[] message = new byte[MESSAGE_BYTES];
    private final RTCConfiguration offererConfiguration;
    private final RTCConfiguration answererConfiguration;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "scale-ticker");
        thread.setDaemon(true);
        return thread;
    });
    private long tick;

    private ScaleBenchmark() {
        Random random = new Random(10);
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = new byte[60 + random.nextInt(61)];
            random.nextBytes(payloads[i]);
        }
        random.nextBytes(message);
        // One certificate per side, as a server uses one for all its connections: set-up then
        // measures connections, not key generation.
        offererConfiguration = RTCConfiguration.newBuilder().bundlePolicy(RTCBundlePolicy.MAX_BUNDLE)
                .certificates(RTCCertificate.generate()).build();
        answererConfiguration = RTCConfiguration.newBuilder().bundlePolicy(RTCBundlePolicy.MAX_BUNDLE)
                .certificates(RTCCertificate.generate()).build();
    }

    /**
     * Runs the benchmark.
     *
     * @param args the numbers of peer connections, even (default 100 500 1000 2000)
     */
    public static void main(String[] args) throws Exception {
        int[] counts = args.length == 0 ? new int[] {100, 500, 1000, 2000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).sorted().toArray();
        new ScaleBenchmark().run(counts);
        System.exit(0);
    }

    private void run(int[] counts) throws Exception {
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.MILLISECONDS);
        System.out.printf("window %d s, warm-up %d s, batches of %d pairs, media %s, %d cores, max heap %d MiB%n",
                WINDOW_SECONDS, WARMUP_SECONDS, BATCH, MEDIA ? "on" : "off", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("    N  setup s  load  CPU cores  CPU ms/s per conn  ratio  heap MiB  RSS MiB"
                + "  threads   fds  RTP sent/s  RTP recv/s  RTP lost  msgs sent  msgs recv");
        double baselinePerConnection = 0;
        for (int n : counts) {
            long setupStart = System.nanoTime();
            String failure = grow(n / 2);
            double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
            if (failure != null) {
                System.out.printf("%5d  set-up failed after %.1f s with %d connections: %s%n", n, setupSeconds,
                        running.length * 2, failure);
                break;
            }
            // On stderr, for a script that starts a JFR recording of one N (docs/benchmarks.md).
            System.err.printf("measuring N=%d%n", n);
            TimeUnit.SECONDS.sleep(WARMUP_SECONDS);
            Row row = measure();
            if (baselinePerConnection == 0) {
                baselinePerConnection = row.cpuCores / n;
            }
            System.out.printf("%5d  %7.1f  %4.1f  %9.2f  %17.3f  %5.2f  %8d  %7d  %7d  %4d  %10.0f  %10.0f  %8d  %9d  %9d%n",
                    n, setupSeconds, row.load, row.cpuCores, row.cpuCores / n * 1000,
                    row.cpuCores / n / baselinePerConnection, row.heapMiB, row.rssMiB, row.threads, row.fds,
                    row.rtpSentPerSecond, row.rtpReceivedPerSecond, row.rtpLost, row.messagesSent, row.messagesReceived);
            System.out.printf("       frames a sender fell behind on: %d; connections not sending: %d, not receiving: %d;"
                    + " pairs not both connected: %d; messages refused: %d; CPU in the kernel: %.0f %%%n"
                    + "       threads by name: %s%n",
                    row.framesReplaced, row.notSending, row.notReceiving, row.pairsNotConnected, row.sendsRefused,
                    row.kernelShare * 100,
                    threadNames());
        }
    }

    /** Adds pairs until there are {@code target}, {@link #BATCH} at a time; a failure message or null. */
    private String grow(int target) throws Exception {
        while (pairs.size() < target) {
            List<Pair> batch = new ArrayList<>();
            for (int i = 0; i < BATCH && pairs.size() + batch.size() < target; i++) {
                batch.add(new Pair());
            }
            List<CompletableFuture<Void>> connecting = batch.stream().map(Pair::connect).toList();
            try {
                CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new))
                        .get(BATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                long connected = connecting.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
                return connected + " of a batch of " + batch.size() + " pairs connected: " + e;
            }
            pairs.addAll(batch);
            running = pairs.toArray(Pair[]::new);
        }
        return null;
    }

    /**
     * Every millisecond: one twentieth of the connections send their next 20 ms frame, one
     * thousandth of the channels their message, so the load is spread evenly over time.
     */
    private void tick() {
        long t = tick++;
        Pair[] now = running;
        for (int i = (int) (t % FRAME_MILLIS); MEDIA && i < now.length; i += FRAME_MILLIS) {
            now[i].sendFrames();
        }
        if (!messagesPaused) {
            for (int i = (int) (t % 1000); i < now.length; i += 1000) {
                try {
                    now[i].sendMessages();
                } catch (RuntimeException e) {
                    // A channel that closed (its connection failed) refuses messages: counted,
                    // and the ticker goes on (an exception would end its scheduled task).
                    if (sendsRefused.sum() == 0) {
                        System.err.println("first refused send: " + e + "; connection states "
                                + now[i].offerer.connectionState() + "/" + now[i].answerer.connectionState());
                    }
                    sendsRefused.increment();
                }
            }
        }
    }

    private Row measure() throws Exception {
        long wall0 = System.nanoTime();
        long cpu0 = Proc.cpuNanos();
        long kernel0 = Proc.kernelNanos();
        long[] rtp0 = rtpCounters();
        TimeUnit.SECONDS.sleep(WINDOW_SECONDS);
        long wall1 = System.nanoTime();
        long cpu1 = Proc.cpuNanos();
        long kernel1 = Proc.kernelNanos();
        long[] rtp1 = rtpCounters();
        double load = Proc.loadAverage();
        long notConnected = Arrays.stream(running).filter(p -> p.offerer.connectionState() != RTCPeerConnectionState.CONNECTED
                || p.answerer.connectionState() != RTCPeerConnectionState.CONNECTED).count();
        int threads = Thread.getAllStackTraces().size();
        long fds = Proc.openFiles();
        // Messages in flight arrive while no new ones are sent (up to 5 s).
        messagesPaused = true;
        long drainEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (messagesReceived.sum() < messagesSent.sum() && System.nanoTime() < drainEnd) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        long sent = messagesSent.sum();
        long received = messagesReceived.sum();
        messagesPaused = false;
        long replaced = FRAMES_REPLACED.sumThenReset();
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long heap = runtime.totalMemory() - runtime.freeMemory();
        double seconds = (wall1 - wall0) / 1e9;
        return new Row(load, (cpu1 - cpu0) / 1e9 / seconds, heap >> 20, Proc.residentBytes() >> 20, threads, fds,
                (rtp1[0] - rtp0[0]) / seconds, (rtp1[1] - rtp0[1]) / seconds, rtp1[2] - rtp0[2], sent, received, replaced,
                rtp1[3], rtp1[4], notConnected, sendsRefused.sum(),
                (double) (kernel1 - kernel0) / Math.max(1, cpu1 - cpu0));
    }

    /**
     * Sums over every connection's getStats: outbound packetsSent, inbound packetsReceived,
     * packetsLost, and the numbers of connections with no outbound and no inbound counters.
     */
    private long[] rtpCounters() throws Exception {
        List<CompletableFuture<RTCStatsReport>> reports = new ArrayList<>();
        for (Pair pair : running) {
            reports.add(pair.offerer.getStats());
            reports.add(pair.answerer.getStats());
        }
        long[] sums = new long[5];
        for (CompletableFuture<RTCStatsReport> future : reports) {
            RTCStatsReport report = future.get(BATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            // A stream that has not sent or received a packet yet has no counters (webrtc-stats
            // §3.1: an RTP stream's stats exist once a packet has been sent or received).
            List<RTCStats> outbound = report.ofType(RTCStatsType.OUTBOUND_RTP).stream().filter(st -> st.has("packetsSent")).toList();
            List<RTCStats> inbound = report.ofType(RTCStatsType.INBOUND_RTP).stream().filter(st -> st.has("packetsReceived")).toList();
            sums[3] += outbound.isEmpty() ? 1 : 0;
            sums[4] += inbound.isEmpty() ? 1 : 0;
            for (RTCStats stats : outbound) {
                sums[0] += stats.getLong("packetsSent");
            }
            for (RTCStats stats : inbound) {
                sums[1] += stats.getLong("packetsReceived");
                sums[2] += stats.getLong("packetsLost");
            }
        }
        return sums;
    }

    /** Live threads counted by name with digits folded ("ortc4j-media-#"), most first. */
    private static String threadNames() {
        Map<String, Integer> names = new TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            names.merge(thread.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
        }
        return names.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(8)
                .map(e -> e.getKey() + "=" + e.getValue()).toList().toString();
    }

    /**
     * The process's figures from Linux's /proc (the benchmark module does not read
     * java.management): CPU time, resident memory, open files, load average.
     */
    private static final class Proc {
        /** USER_HZ: /proc/self/stat counts CPU time in ticks of 10 ms on Linux. */
        private static final long NANOS_PER_TICK = 10_000_000;

        static long cpuNanos() throws IOException {
            return userNanos() + kernelNanos();
        }

        static long userNanos() throws IOException {
            return statField(14) * NANOS_PER_TICK;
        }

        static long kernelNanos() throws IOException {
            return statField(15) * NANOS_PER_TICK;
        }

        private static long statField(int field) throws IOException {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // proc(5): after "(comm)" comes field 3 (state); utime is field 14, stime 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[field - 3]);
        }

        static long residentBytes() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return -1;
        }

        static long openFiles() throws IOException {
            try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
                return open.count();
            }
        }

        static double loadAverage() throws IOException {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        }
    }

    private record Row(double load, double cpuCores, long heapMiB, long rssMiB, int threads, long fds,
            double rtpSentPerSecond, double rtpReceivedPerSecond, long rtpLost, long messagesSent,
            long messagesReceived, long framesReplaced, long notSending, long notReceiving,
            long pairsNotConnected, long sendsRefused, double kernelShare) {
    }

    /** Two connected peer connections, each with an Opus-sized track and the channel. */
    private final class Pair {
        final RTCPeerConnection offerer = new RTCPeerConnection(offererConfiguration, LOOPBACK);
        final RTCPeerConnection answerer = new RTCPeerConnection(answererConfiguration, LOOPBACK);
        final PushedTrack offererTrack = new PushedTrack();
        final PushedTrack answererTrack = new PushedTrack();
        final RTCDataChannel offererChannel;
        volatile RTCDataChannel answererChannel;
        private final CompletableFuture<Void> answererOpen = new CompletableFuture<>();
        private long frames;

        Pair() {
            offerer.decodeReceivedMedia(false);
            answerer.decodeReceivedMedia(false);
            offerer.addTrack(offererTrack, "scale");
            // Added before the offer arrives: the offer's audio section takes this transceiver,
            // which then sends as well as receives.
            answerer.addTrack(answererTrack, "scale");
            offererChannel = offerer.createDataChannel("scale");
            offererChannel.onMessage(m -> messagesReceived.increment());
            answerer.onDataChannel(channel -> {
                channel.onMessage(m -> messagesReceived.increment());
                answererChannel = channel;
                PeerConnectionSetupBenchmark.opened(channel).thenRun(() -> answererOpen.complete(null));
            });
        }

        /** Non-trickle offer/answer (descriptions sent once gathering is complete), then both channel ends open. */
        CompletableFuture<Void> connect() {
            CompletableFuture<Void> offerGathered = PeerConnectionSetupBenchmark.gatheringComplete(offerer);
            CompletableFuture<Void> answerGathered = PeerConnectionSetupBenchmark.gatheringComplete(answerer);
            CompletableFuture<Void> offererOpen = PeerConnectionSetupBenchmark.opened(offererChannel);
            return offerer.setLocalDescription()
                    .thenCompose(v -> offerGathered)
                    .thenCompose(v -> answerer.setRemoteDescription(offerer.localDescription()))
                    .thenCompose(v -> answerer.setLocalDescription())
                    .thenCompose(v -> answerGathered)
                    .thenCompose(v -> offerer.setRemoteDescription(answerer.localDescription()))
                    .thenCompose(v -> CompletableFuture.allOf(offererOpen, answererOpen));
        }

        /** The next 20 ms Opus-sized frame from each side (called by the ticker only). */
        void sendFrames() {
            long n = frames++;
            offererTrack.push(frame(n));
            answererTrack.push(frame(n + 31));
        }

        private MediaFrame frame(long n) {
            return new EncodedFrame("audio/opus", payloads[(int) (n % payloads.length)], true,
                    n * SAMPLES_PER_FRAME, OPUS_CLOCK, SAMPLES_PER_FRAME);
        }

        void sendMessages() {
            offererChannel.send(message);
            messagesSent.increment();
            answererChannel.send(message);
            messagesSent.increment();
        }
    }

    /**
     * A track fed by the ticker: the sender's pending {@code recv()} gets the frame, else it
     * waits as the only pending frame (a sender that falls behind loses frames, as a paced
     * source does; loss then shows as fewer packets sent).
     */
    private static final class PushedTrack extends MediaStreamTrack {
        private CompletableFuture<MediaFrame> waiter;
        private MediaFrame pending;

        PushedTrack() {
            super(MediaKind.AUDIO);
        }

        void push(MediaFrame frame) {
            CompletableFuture<MediaFrame> ready;
            synchronized (this) {
                ready = waiter;
                waiter = null;
                if (ready == null) {
                    if (pending != null) {
                        FRAMES_REPLACED.increment();
                    }
                    pending = frame;
                    return;
                }
            }
            ready.complete(frame);
        }

        @Override
        public synchronized CompletableFuture<MediaFrame> recv() {
            if (pending != null) {
                MediaFrame frame = pending;
                pending = null;
                return CompletableFuture.completedFuture(frame);
            }
            waiter = new CompletableFuture<>();
            return waiter;
        }
    }
}
