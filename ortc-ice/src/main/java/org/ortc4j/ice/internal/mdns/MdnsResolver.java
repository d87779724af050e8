package org.ortc4j.ice.internal.mdns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.ortc4j.ice.net.NetworkStack;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.ice.net.UdpSocket;

/**
 * Resolves {@code .local} names over Multicast DNS (RFC 6762), for the {@code <uuid>.local} host
 * candidates browsers send (draft-ietf-mmusic-mdns-ice-candidates §3.2).
 *
 * <p>A lookup sends one query with an A and an AAAA question for the name, retransmits it after
 * 1 s and then at doubling intervals, and completes with the first address an answer gives, or
 * fails with a {@link TimeoutException} when {@link #timeout()} passes without one. Lookups of one
 * name at the same time share one query; answers are cached for their TTL. Malformed packets and
 * answers for names nobody asked about are dropped and counted.
 *
 * <p>Confined to the stack's loop: {@link #resolve} and {@link #close} may be called from any
 * thread and hop onto it; futures complete on it.
 */
public final class MdnsResolver implements AutoCloseable {

    /**
     * The default time a lookup waits for an answer. RFC 6762 §5.2 spaces queries 1 s, then 2 s,
     * apart, so 5 s covers three queries (at 0, 1 and 3 s: two may be lost) and leaves 2 s for
     * an answer to the last; a link answers in milliseconds, a responder that shares its records
     * waits at most 120 ms (§6). Longer would only hold up ICE: a remote candidate that does not
     * resolve is dropped, while the other candidates' checks go on meanwhile.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** The longest timeout accepted. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    /** RFC 6762 §5.2: "the interval between the first two queries MUST be at least one second". */
    static final Duration FIRST_INTERVAL = Duration.ofSeconds(1);

    /** A bound on queries per lookup, whatever the timeout. */
    static final int MAX_QUERIES = 10;

    /** A bound on names being looked up at once; more lookups fail at once. */
    public static final int MAX_OUTSTANDING = 128;

    /** A bound on cached names; the oldest entry goes first. */
    public static final int MAX_CACHED = 256;

    /** A bound on how long an answer is cached, whatever its TTL. */
    static final long MAX_CACHE_SECONDS = 3600;

    /**
     * RFC 6762 §10.1: "Queriers receiving a Multicast DNS response with a TTL of zero SHOULD NOT
     * immediately delete the record from the cache, but instead record a TTL of 1 and then delete
     * the record one second later."
     */
    static final long GOODBYE_SECONDS = 1;

    /** The shape of the names browsers give host candidates: a UUID and {@code .local}. */
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Scheduler scheduler;
    private final Duration timeout;
    private final MdnsSockets sockets;
    private final Map<String, Lookup> lookups = new HashMap<>();
    private final LinkedHashMap<String, Cached> cache = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > MAX_CACHED;
        }
    };
    private boolean closed;

    private long queriesSent;
    private long cacheHits;
    private long timeouts;
    private long ignoredResponses;
    private long answersForOtherNames;

    /** A resolver on {@code stack} with the {@link #DEFAULT_TIMEOUT}. */
    public MdnsResolver(NetworkStack stack) {
        this(stack, DEFAULT_TIMEOUT);
    }

    /**
     * A resolver on {@code stack} whose lookups fail after {@code timeout}. Starts joining the
     * mDNS groups at once.
     *
     * @throws IllegalArgumentException when {@code timeout} is not positive or exceeds
     *     {@link #MAX_TIMEOUT}
     */
    public MdnsResolver(NetworkStack stack, Duration timeout) {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout must be positive and at most " + MAX_TIMEOUT + ": " + timeout);
        }
        this.scheduler = stack.scheduler();
        this.timeout = timeout;
        this.sockets = new MdnsSockets(stack, this::onMessage);
        onLoop(sockets::open);
    }

    /** How long a lookup waits for an answer. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Resolves {@code name} to an address. The future completes with the first address an answer
     * gives (from the cache, if a fresh answer is there), or fails with a
     * {@link TimeoutException} after {@link #timeout()}, with an {@link IOException} when no
     * mDNS group could be joined, with a {@link RejectedExecutionException} when {@link #MAX_OUTSTANDING} other names are being looked
     * up, or with an {@link IllegalStateException} once the resolver is closed. Cancelling the
     * future abandons this caller's wait; the query stops when no caller waits any longer.
     *
     * @param name a name ending in {@code .local}, such as {@code "1f0e…4a5b.local"}; case does
     *     not matter (RFC 6762 §16)
     * @throws IllegalArgumentException when {@code name} is not a valid name in {@code .local}
     */
    public CompletableFuture<InetAddress> resolve(String name) {
        Objects.requireNonNull(name, "name");
        DnsName dnsName = DnsName.of(name);
        // RFC 6762 §3: "any DNS query for a name ending with ".local." MUST be sent to the mDNS
        // IPv4 link-local multicast address 224.0.0.251 (or its IPv6 equivalent FF02::FB)";
        // other names are not ours to look up.
        if (!dnsName.isLocal()) {
            throw new IllegalArgumentException("not a .local name: " + name);
        }
        CompletableFuture<InetAddress> result = new CompletableFuture<>();
        onLoop(() -> start(dnsName, result));
        return result;
    }

    private void start(DnsName name, CompletableFuture<InetAddress> result) {
        if (closed) {
            result.completeExceptionally(new IllegalStateException("mDNS resolver closed"));
            return;
        }
        String key = name.key();
        long now = scheduler.nanoTime();
        Cached cached = cache.get(key);
        if (cached != null) {
            if (cached.expiresAt - now > 0) {
                cacheHits++;
                result.complete(cached.address);
                return;
            }
            cache.remove(key);
        }
        Lookup lookup = lookups.get(key);
        boolean fresh = lookup == null;
        if (fresh) {
            if (lookups.size() >= MAX_OUTSTANDING) {
                result.completeExceptionally(new RejectedExecutionException(
                        "already " + lookups.size() + " mDNS lookups outstanding"));
                return;
            }
            lookup = new Lookup(name);
            lookup.deadline = now + timeout.toNanos();
            lookups.put(key, lookup);
        }
        Lookup waitedOn = lookup;
        // The waiter is in place before the query goes out: an answer can arrive inside the send
        // (a responder on this host, multicast looped back).
        lookup.waiters.add(result);
        result.whenComplete((address, failure) -> {
            if (result.isCancelled()) {
                onLoop(() -> abandon(waitedOn, result));
            }
        });
        if (fresh) {
            lookup.timeoutTask = scheduler.schedule(() -> timeOut(waitedOn), timeout.toNanos(), TimeUnit.NANOSECONDS);
            sockets.whenReady(() -> sendQuery(waitedOn));
        }
    }

    private void sendQuery(Lookup lookup) {
        if (lookups.get(lookup.key) != lookup) {
            return;
        }
        if (sockets.sockets().isEmpty()) {
            // Every join failed: no query can go out, so waiting for the timeout would only delay
            // the caller.
            lookups.remove(lookup.key);
            lookup.cancelTimers();
            IOException failure = new IOException("mDNS: joined no multicast group (" + sockets.joinFailures()
                    + " joins failed), cannot resolve " + lookup.name);
            for (CompletableFuture<InetAddress> waiter : List.copyOf(lookup.waiters)) {
                waiter.completeExceptionally(failure);
            }
            return;
        }
        // QM questions, the unicast-response bit clear. draft-ietf-mmusic-mdns-ice-candidates
        // §3.2.1 says the agent "SHOULD set the unicast-response bit", to spare the link a
        // multicast answer; but RFC 6762 §15.1: "incoming *unicast* UDP packets are typically
        // delivered only to the first socket to bind to that port", and a browser or this
        // library's own responder on the same host may hold port 5353 first, so a unicast answer
        // could be lost until the retransmission. One multicast answer per lookup is cheap. RFC
        // 6762 §5.4 also asks for QM: "New questions created by local clients afterwards should be
        // treated as normal "QM" questions". The name may have an IPv4 or an IPv6 address (an
        // agent registers each address under its own name), so both are asked for.
        DnsMessage query = DnsMessage.query(List.of(
                DnsQuestion.of(lookup.name, DnsRecordType.A, false),
                DnsQuestion.of(lookup.name, DnsRecordType.AAAA, false)));
        lookup.queries++;
        queriesSent++;
        sockets.multicast(query);
        if (lookups.get(lookup.key) != lookup) {
            return; // answered from inside the send (a responder on this host)
        }
        // RFC 6762 §5.2: "the interval between the first two queries MUST be at least one
        // second, the intervals between successive queries MUST increase by at least a factor of
        // two."
        long interval = FIRST_INTERVAL.toNanos() << (lookup.queries - 1);
        long next = scheduler.nanoTime() + interval;
        if (lookup.queries < MAX_QUERIES && lookup.deadline - next > 0) {
            lookup.retransmitTask = scheduler.schedule(() -> sendQuery(lookup), interval, TimeUnit.NANOSECONDS);
        }
    }

    private void timeOut(Lookup lookup) {
        if (!lookups.remove(lookup.key, lookup)) {
            return;
        }
        lookup.cancelTimers();
        timeouts++;
        TimeoutException failure = new TimeoutException("mDNS: no answer for " + lookup.name + " within "
                + timeout.toMillis() + " ms (" + lookup.queries + " queries sent)");
        for (CompletableFuture<InetAddress> waiter : List.copyOf(lookup.waiters)) {
            waiter.completeExceptionally(failure);
        }
    }

    private void abandon(Lookup lookup, CompletableFuture<InetAddress> waiter) {
        lookup.waiters.remove(waiter);
        if (lookup.waiters.isEmpty() && lookups.remove(lookup.key, lookup)) {
            lookup.cancelTimers();
        }
    }

    private void onMessage(UdpSocket socket, InetSocketAddress sender, DnsMessage message) {
        if (closed || !message.isResponse()) {
            return; // queries are for responders
        }
        // RFC 6762 §18.3: "Multicast DNS messages received with an OPCODE other than zero MUST be
        // silently ignored." §18.11: "Multicast DNS messages received with non-zero Response
        // Codes MUST be silently ignored." §6: "Multicast DNS implementations MUST silently
        // ignore any Multicast DNS responses they receive where the source UDP port is not 5353."
        if (message.opcode() != 0 || message.rcode() != 0 || sender.getPort() != MdnsSockets.PORT) {
            ignoredResponses++;
            return;
        }
        // The first address for each name, in the order of the message: draft-ietf-mmusic-mdns-
        // ice-candidates §3.2.2 says an agent "SHOULD ignore candidates where the hostname
        // resolution returns more than one IP address", and a one-shot lookup cannot wait to learn
        // whether more will come, so it takes the first.
        Map<String, DnsResourceRecord> firstPerName = new LinkedHashMap<>();
        for (DnsResourceRecord record : message.answersAndAdditionals()) {
            if (record.dnsClass() == DnsQuestion.CLASS_IN && record.address().isPresent()) {
                firstPerName.putIfAbsent(record.name().key(), record);
            }
        }
        long now = scheduler.nanoTime();
        for (Map.Entry<String, DnsResourceRecord> entry : firstPerName.entrySet()) {
            String key = entry.getKey();
            DnsResourceRecord record = entry.getValue();
            InetAddress address = record.address().orElseThrow();
            long ttl = record.effectiveTtl();
            Lookup lookup = lookups.get(key);
            if (ttl == 0) {
                Cached cached = cache.get(key);
                if (cached != null && cached.address.equals(address)) {
                    long goodbye = now + TimeUnit.SECONDS.toNanos(GOODBYE_SECONDS);
                    if (cached.expiresAt - goodbye > 0) {
                        cache.put(key, new Cached(address, goodbye));
                    }
                } else if (lookup == null) {
                    answersForOtherNames++;
                }
                continue;
            }
            long expiresAt = now + TimeUnit.SECONDS.toNanos(Math.min(ttl, MAX_CACHE_SECONDS));
            if (lookup != null) {
                lookups.remove(key);
                lookup.cancelTimers();
                cache.put(key, new Cached(address, expiresAt));
                for (CompletableFuture<InetAddress> waiter : List.copyOf(lookup.waiters)) {
                    waiter.complete(address);
                }
            } else if (isUuidName(record.name())) {
                // Browsers announce a new name as they create it (RFC 6762 §8.3), often before the
                // candidate reaches the other side, and may not answer a query soon after; keeping
                // the announcement lets a later lookup succeed without a query.
                cache.put(key, new Cached(address, expiresAt));
            } else {
                answersForOtherNames++;
            }
        }
    }

    /**
     * Whether an ICE candidate's connection address is an mDNS name to resolve here.
     * draft-ietf-mmusic-mdns-ice-candidates §3.2.1 step 1: "If the connection-address field value
     * of the ICE candidate does not end with ".local" or if the value contains more than one
     * ".", then process the candidate as defined in [RFC8445]."
     */
    public static boolean isMdnsCandidateAddress(String connectionAddress) {
        return connectionAddress.length() > ".local".length()
                && connectionAddress.regionMatches(true, connectionAddress.length() - 6, ".local", 0, 6)
                && connectionAddress.indexOf('.') == connectionAddress.length() - 6;
    }

    private static boolean isUuidName(DnsName name) {
        return name.labels().size() == 2 && name.isLocal() && UUID.matcher(name.labels().get(0)).matches();
    }

    /**
     * Stops every lookup (their futures fail with an {@link IllegalStateException}) and leaves the
     * mDNS groups. Idempotent.
     */
    @Override
    public void close() {
        onLoop(() -> {
            if (closed) {
                return;
            }
            closed = true;
            sockets.close();
            List<Lookup> stopped = new ArrayList<>(lookups.values());
            lookups.clear();
            cache.clear();
            for (Lookup lookup : stopped) {
                lookup.cancelTimers();
                for (CompletableFuture<InetAddress> waiter : List.copyOf(lookup.waiters)) {
                    waiter.completeExceptionally(new IllegalStateException("mDNS resolver closed"));
                }
            }
        });
    }

    private void onLoop(Runnable task) {
        if (scheduler.inLoop()) {
            task.run();
        } else {
            scheduler.execute(task);
        }
    }

    /** Queries sent, retransmissions included. */
    public long queriesSent() {
        return queriesSent;
    }

    /** Lookups answered from the cache without a query. */
    public long cacheHits() {
        return cacheHits;
    }

    /** Lookups that timed out. */
    public long timeouts() {
        return timeouts;
    }

    /** Datagrams dropped because they were not well-formed DNS messages. */
    public long malformedPackets() {
        return sockets.malformedPackets();
    }

    /** Responses dropped for a nonzero OPCODE or RCODE or a source port other than 5353. */
    public long ignoredResponses() {
        return ignoredResponses;
    }

    /** Address records for names no lookup asked for (and not browser announcements), dropped. */
    public long answersForOtherNames() {
        return answersForOtherNames;
    }

    /** mDNS group joins that failed. */
    public long joinFailures() {
        return sockets.joinFailures();
    }

    /** The number of sockets joined to an mDNS group. */
    int socketCount() {
        return sockets.sockets().size();
    }

    private static final class Lookup {
        final DnsName name;
        final String key;
        final List<CompletableFuture<InetAddress>> waiters = new ArrayList<>();
        long deadline;
        int queries;
        Scheduler.Cancellable timeoutTask;
        Scheduler.Cancellable retransmitTask;

        Lookup(DnsName name) {
            this.name = name;
            this.key = name.key();
        }

        void cancelTimers() {
            if (timeoutTask != null) {
                timeoutTask.cancel();
            }
            if (retransmitTask != null) {
                retransmitTask.cancel();
            }
        }
    }

    private record Cached(InetAddress address, long expiresAt) {
    }
}
