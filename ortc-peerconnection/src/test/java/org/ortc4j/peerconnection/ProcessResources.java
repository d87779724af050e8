package org.ortc4j.peerconnection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a process holds at one moment, for leak checks: live threads, open file descriptors,
 * direct memory (the JDK's "direct" buffer pool and Netty's own count) and heap after a GC.
 */
record ProcessResources(int threads, long fileDescriptors, long directBytes, long nettyDirectBytes, long heapBytes) {

    /** Measures now; runs the garbage collector first so heap and dead buffers are counted out. */
    static ProcessResources sample() throws Exception {
        System.gc();
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return new ProcessResources(Thread.getAllStackTraces().size(), openFileDescriptors(), jdkDirectMemory(),
                nettyDirectMemory(), runtime.totalMemory() - runtime.freeMemory());
    }

    /**
     * The JDK's "direct" BufferPoolMXBean, by reflection because this module does not read
     * java.management (the tests run on the class path, where every platform module is there).
     */
    static long jdkDirectMemory() {
        try {
            Class<?> bean = Class.forName("java.lang.management.BufferPoolMXBean");
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            long used = 0;
            for (Object pool : (java.util.List<?>) factory.getMethod("getPlatformMXBeans", Class.class).invoke(null, bean)) {
                if ("direct".equals(bean.getMethod("getName").invoke(pool))) {
                    used += ((Number) bean.getMethod("getMemoryUsed").invoke(pool)).longValue();
                }
            }
            return used;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return -1;
        }
    }

    /**
     * Waits for the threads of ortc4j's elastic pools (peer-connection lanes, DTLS handshakes)
     * that are alive now to end, as they do once idle for their keep-alive; a quiet process then
     * holds only its lasting threads.
     *
     * @return the names of pool threads still alive after {@code seconds} (empty when all ended)
     */
    static java.util.List<String> awaitPoolThreadsEnd(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (isPoolThread(thread)) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    thread.join(Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        }
        return Thread.getAllStackTraces().keySet().stream().filter(ProcessResources::isPoolThread)
                .map(Thread::getName).toList();
    }

    private static boolean isPoolThread(Thread thread) {
        return thread.getName().startsWith("ortc4j-pc-lane-") || thread.getName().startsWith("ortc4j-dtls-handshake-");
    }

    /** Live threads by name with the trailing number removed ("ortc4j-epoll-1-2" → "ortc4j-epoll"), for messages. */
    static java.util.Map<String, Long> threadsByName() {
        return Thread.getAllStackTraces().keySet().stream().collect(java.util.stream.Collectors.groupingBy(
                t -> t.getName().replaceAll("[-#]?[0-9]+(-[0-9]+)*$", ""), java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
    }

    /** Open file descriptors from /proc/self/fd, or -1 where there is no /proc. */
    static long openFileDescriptors() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> list = Files.list(fds)) {
            return list.count();
        }
    }

    /** Netty's PlatformDependent.usedDirectMemory() (its allocations bypass the JDK pool), or -1. */
    static long nettyDirectMemory() {
        try {
            Class<?> platform = Class.forName("io.netty.util.internal.PlatformDependent");
            return ((Number) platform.getMethod("usedDirectMemory").invoke(null)).longValue();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return String.format("threads %d, fds %d, direct %d KiB (netty %d KiB), heap %d MiB",
                threads, fileDescriptors, directBytes / 1024, nettyDirectBytes / 1024, heapBytes >> 20);
    }
}
