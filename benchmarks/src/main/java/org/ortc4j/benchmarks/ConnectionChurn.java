package org.ortc4j.benchmarks;

import static org.ortc4j.benchmarks.PeerConnectionSetupBenchmark.LOOPBACK;
import static org.ortc4j.benchmarks.PeerConnectionSetupBenchmark.await;
import static org.ortc4j.benchmarks.PeerConnectionSetupBenchmark.opened;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ortc4j.peerconnection.RTCConfiguration;
import org.ortc4j.peerconnection.RTCPeerConnection;
import org.ortc4j.sctp.RTCDataChannel;

/**
 * Issue 10's leak check: opens and closes {@code count} connections in a row — two of our
 * RTCPeerConnections on loopback, trickle ICE, a data channel open at both ends, one message
 * each way, both closed — and every {@code every} connections prints what the process holds:
 * live threads, open file descriptors, direct memory (the JDK's "direct" pool and Netty's own
 * count) and heap after GC. Flat columns mean nothing leaks.
 *
 * <pre>java -Xmx256m -cp benchmarks/target/benchmarks.jar org.ortc4j.benchmarks.ConnectionChurn 10000 500</pre>
 *
 * Before each sample it waits for the threads of ortc4j's elastic pools (peer-connection
 * lanes, DTLS handshakes) to end, as they do 2 s after their last task, so that the thread
 * column shows what lasts.
 */
public final class ConnectionChurn {

    private static final long SECONDS = 20;

    private ConnectionChurn() {
    }

    /** Arguments: the number of connections (10000) and the sampling interval (500). */
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int every = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        System.out.printf("%7s %8s %8s %5s %12s %12s %9s %8s  %s%n",
                "pairs", "seconds", "threads", "fds", "direct KiB", "netty KiB", "heap MiB", "ms/pair", "load average");
        print(0, 0, 0);
        long start = System.nanoTime();
        long lap = start;
        for (int i = 1; i <= count; i++) {
            onePair();
            if (i % every == 0 || i == count) {
                long now = System.nanoTime();
                double msPerPair = (now - lap) / 1e6 / (i % every == 0 ? every : i % every);
                print(i, (now - start) / 1e9, msPerPair);
                lap = System.nanoTime();
            }
        }
        // What the last row's threads are, so that a change in that column can be traced.
        System.out.println("threads at the end: " + Thread.getAllStackTraces().keySet().stream()
                .map(t -> t.getName().replaceAll("-[0-9]+(-[0-9]+)*$", "")).sorted()
                .collect(java.util.stream.Collectors.groupingBy(name -> name, java.util.TreeMap::new,
                        java.util.stream.Collectors.counting())));
    }

    /** One connection's life: connect, open the channel, a message each way, close both. */
    static void onePair() throws Exception {
        RTCPeerConnection offerer = new RTCPeerConnection(new RTCConfiguration(), LOOPBACK);
        RTCPeerConnection answerer = new RTCPeerConnection(new RTCConfiguration(), LOOPBACK);
        try {
            CompletableFuture<RTCDataChannel> remote = new CompletableFuture<>();
            CompletableFuture<String> atAnswerer = new CompletableFuture<>();
            CompletableFuture<String> atOfferer = new CompletableFuture<>();
            answerer.onDataChannel(channel -> {
                channel.onMessage(m -> atAnswerer.complete(m.text()));
                remote.complete(channel);
            });
            RTCDataChannel local = offerer.createDataChannel("churn");
            local.onMessage(m -> atOfferer.complete(m.text()));
            CompletableFuture<Void> localOpen = opened(local);

            TrickleNegotiation.negotiate(offerer, answerer);

            await(localOpen);
            RTCDataChannel channel = await(remote);
            await(opened(channel));
            local.send("ping");
            channel.send("pong");
            if (!"ping".equals(await(atAnswerer)) || !"pong".equals(await(atOfferer))) {
                throw new IllegalStateException("a message changed on the way");
            }
        } finally {
            offerer.close();
            answerer.close();
        }
    }

    private static void print(int pairs, double seconds, double msPerPair) throws Exception {
        awaitPoolThreadsEnd();
        System.gc();
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("%7d %8.1f %8d %5d %12d %12d %9.1f %8.1f  %s%n", pairs, seconds,
                Thread.getAllStackTraces().size(), openFileDescriptors(), jdkDirectMemory() / 1024,
                nettyDirectMemory() / 1024, (runtime.totalMemory() - runtime.freeMemory()) / 1048576.0, msPerPair,
                loadAverage());
    }

    private static void awaitPoolThreadsEnd() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            long left = deadline - System.nanoTime();
            if ((name.startsWith("ortc4j-pc-lane-") || name.startsWith("ortc4j-dtls-handshake-")) && left > 0) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    private static long openFileDescriptors() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> list = Files.list(fds)) {
            return list.count();
        }
    }

    /** The JDK's "direct" BufferPoolMXBean, by reflection: this module does not read java.management. */
    private static long jdkDirectMemory() {
        try {
            Class<?> bean = Class.forName("java.lang.management.BufferPoolMXBean");
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            long used = 0;
            for (Object pool : (List<?>) factory.getMethod("getPlatformMXBeans", Class.class).invoke(null, bean)) {
                if ("direct".equals(bean.getMethod("getName").invoke(pool))) {
                    used += ((Number) bean.getMethod("getMemoryUsed").invoke(pool)).longValue();
                }
            }
            return used;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return -1;
        }
    }

    /** Netty's PlatformDependent.usedDirectMemory(): its pooled buffers bypass the JDK's count. */
    private static long nettyDirectMemory() {
        try {
            Class<?> platform = Class.forName("io.netty.util.internal.PlatformDependent");
            return ((Number) platform.getMethod("usedDirectMemory").invoke(null)).longValue();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return -1;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }
}
