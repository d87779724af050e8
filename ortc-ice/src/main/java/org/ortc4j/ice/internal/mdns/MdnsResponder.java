package org.ortc4j.ice.internal.mdns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.ortc4j.ice.net.NetworkStack;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.ice.net.UdpSocket;

/**
 * Hides local addresses behind Multicast DNS names (draft-ietf-mmusic-mdns-ice-candidates §3.1):
 * {@link #register} gives an address a fresh random name, {@code <UUID v4>.local} as Chromium
 * does, announces it, and answers A and AAAA queries for it on the link until
 * {@link #unregister} or {@link #close} says goodbye.
 *
 * <p>It answers only for names it registered, and follows RFC 6762 §6 in how: at once (the records
 * are unique, §6: "it SHOULD NOT impose any random delay"), with TTL {@value #TTL_SECONDS} s and
 * the cache-flush bit, by multicast at most once a second per record, by unicast to a querier that
 * asks for it (§5.4) or that is not on port 5353 (§6.7), and not at all when the query already
 * holds the answer (§7.1).
 *
 * <p>Not done: probing (RFC 6762 §8.1), which draft-ietf-mmusic-mdns-ice-candidates §3.1.1 says to
 * skip: "as the hostname is expected to be unique, the ICE agent SHOULD skip probing of the
 * hostname"; conflict resolution (§9); negative answers (NSEC, §6.1) for the other address family.
 * The rate limit is kept per record rather than per record and interface, which only ever waits
 * longer than §6 requires.
 *
 * <p>Confined to the stack's loop: call every method on it.
 */
public final class MdnsResponder implements AutoCloseable {

    /**
     * The TTL of the address records. RFC 6762 §10: "the recommended TTL value for Multicast DNS
     * resource records with a host name as the resource record's name (e.g., A, AAAA, HINFO) ...
     * SHOULD be 120 seconds."
     */
    public static final long TTL_SECONDS = 120;

    /**
     * RFC 6762 §6.7: in a legacy unicast response "the responder SHOULD use a TTL of no more than
     * ten seconds".
     */
    static final long LEGACY_UNICAST_TTL_SECONDS = 10;

    /**
     * RFC 6762 §6: "a Multicast DNS responder MUST NOT (except in the one special case of answering
     * probe queries) multicast a record on a given interface until at least one second has elapsed
     * since the last time that record was multicast on that particular interface."
     */
    static final Duration MIN_MULTICAST_INTERVAL = Duration.ofSeconds(1);

    /** RFC 6762 §8.3: "The Multicast DNS responder MUST send at least two unsolicited responses, one second apart." */
    static final int ANNOUNCEMENTS = 2;

    /** A bound on registered names. */
    public static final int MAX_NAMES = 256;

    private final Scheduler scheduler;
    private final MdnsSockets sockets;
    private final Map<String, Registration> byName = new LinkedHashMap<>();
    private final Map<InetAddress, Registration> byAddress = new HashMap<>();
    private boolean closed;

    private long responsesSent;
    private long questionsForOtherNames;
    private long knownAnswersSuppressed;
    private long ignoredQueries;

    /** A responder on {@code stack}; starts joining the mDNS groups at once. Call on the stack's loop. */
    public MdnsResponder(NetworkStack stack) {
        Objects.requireNonNull(stack, "stack");
        this.scheduler = stack.scheduler();
        requireLoop();
        this.sockets = new MdnsSockets(stack, this::onMessage);
        sockets.open();
    }

    /**
     * Registers {@code address} and returns its name, {@code <UUID v4>.local}, at once; the
     * announcement follows (draft-ietf-mmusic-mdns-ice-candidates §3.1.2.1: "An ICE agent SHOULD
     * provide the candidate to the web application as soon as its mDNS name is generated,
     * regardless of whether the announcement has been sent"). An address already registered keeps
     * its name (§3.1.1 step 2: "Check whether the ICE agent has previously generated, registered,
     * and stored an mDNS hostname for this IP address") and counts one more registration; each
     * needs its {@link #unregister}.
     *
     * @throws IllegalArgumentException for a wildcard or multicast address
     * @throws IllegalStateException when closed, off the loop, or {@link #MAX_NAMES} are registered
     */
    public String register(InetAddress address) {
        Objects.requireNonNull(address, "address");
        requireLoop();
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            throw new IllegalArgumentException("not a unicast address: " + address);
        }
        if (closed) {
            throw new IllegalStateException("mDNS responder closed");
        }
        Registration existing = byAddress.get(address);
        if (existing != null) {
            existing.references++;
            return existing.name.toString();
        }
        if (byName.size() >= MAX_NAMES) {
            throw new IllegalStateException("already " + byName.size() + " mDNS names registered");
        }
        // draft-ietf-mmusic-mdns-ice-candidates §3.1.1: "The unique name MUST consist of a
        // version 4 UUID as defined in [RFC4122], followed by ".local"." Step 4: "The ICE agent
        // SHOULD send an mDNS announcement for the hostname".
        DnsName name = DnsName.of(UUID.randomUUID() + ".local");
        Registration registration = new Registration(name, address);
        byName.put(name.key(), registration);
        byAddress.put(address, registration);
        sockets.whenReady(() -> announce(registration, 1));
        return name.toString();
    }

    /**
     * Drops one registration of {@code name}; at the last, stops answering for it and says
     * goodbye (RFC 6762 §10.1: a response with TTL zero). Returns false for a name it does not own.
     */
    public boolean unregister(String name) {
        Objects.requireNonNull(name, "name");
        requireLoop();
        DnsName dnsName;
        try {
            dnsName = DnsName.of(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
        Registration registration = byName.get(dnsName.key());
        if (registration == null) {
            return false;
        }
        if (--registration.references > 0) {
            return true;
        }
        byName.remove(dnsName.key());
        byAddress.remove(registration.address);
        registration.cancelTimers();
        sayGoodbye(List.of(registration));
        return true;
    }

    /** The names registered now. */
    public List<String> names() {
        return byName.values().stream().map(r -> r.name.toString()).toList();
    }

    private void announce(Registration registration, int number) {
        if (closed || byName.get(registration.name.key()) != registration) {
            return;
        }
        multicastOn(registration, sockets.sockets());
        if (number < ANNOUNCEMENTS) {
            registration.announcement = scheduler.schedule(() -> announce(registration, number + 1),
                    MIN_MULTICAST_INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void onMessage(UdpSocket socket, InetSocketAddress sender, DnsMessage message) {
        if (closed || message.isResponse()) {
            return; // conflict detection (RFC 6762 §9) is not done
        }
        // RFC 6762 §18.3 and §18.11: OPCODE and RCODE other than zero are "silently ignored".
        if (message.opcode() != 0 || message.rcode() != 0) {
            ignoredQueries++;
            return;
        }
        // RFC 6762 §6.7: "If the source UDP port in a received Multicast DNS query is not port
        // 5353, this indicates that the querier originating the query is a simple resolver ...
        // the Multicast DNS responder MUST send a UDP response directly back to the querier, via
        // unicast, to the query packet's source IP address and port."
        boolean legacy = sender.getPort() != MdnsSockets.PORT;
        Set<Registration> multicast = new LinkedHashSet<>();
        Set<Registration> unicast = new LinkedHashSet<>();
        long now = scheduler.nanoTime();
        for (DnsQuestion question : message.questions()) {
            Registration registration = byName.get(question.name().key());
            if (registration == null) {
                questionsForOtherNames++;
                continue;
            }
            DnsResourceRecord record = registration.record(TTL_SECONDS);
            if (!question.isAnsweredBy(record)) {
                continue;
            }
            if (!legacy && isKnownAnswer(message, record)) {
                knownAnswersSuppressed++;
                continue;
            }
            // RFC 6762 §5.4: "When receiving a question with the unicast-response bit set, a
            // responder SHOULD usually respond with a unicast packet directed back to the querier.
            // However, if the responder has not multicast that record recently (within one quarter
            // of its TTL), then the responder SHOULD instead multicast the response".
            boolean multicastRecently = registration.multicastAt != Long.MIN_VALUE
                    && now - registration.multicastAt < TimeUnit.SECONDS.toNanos(TTL_SECONDS) / 4;
            if (legacy || (question.unicastResponse() && multicastRecently)) {
                unicast.add(registration);
            } else {
                multicast.add(registration);
            }
        }
        if (!unicast.isEmpty()) {
            List<DnsResourceRecord> records = new ArrayList<>();
            for (Registration registration : unicast) {
                // RFC 6762 §6.7: "the cache-flush bit described in Section 10.2 MUST NOT be set in
                // legacy unicast responses."
                records.add(legacy ? registration.record(LEGACY_UNICAST_TTL_SECONDS).with(LEGACY_UNICAST_TTL_SECONDS, false)
                        : registration.record(TTL_SECONDS));
            }
            // RFC 6762 §6.7: a legacy unicast response "MUST repeat the query ID and the question
            // given in the query message".
            DnsMessage response = legacy
                    ? new DnsMessage(message.id(), DnsMessage.FLAG_RESPONSE | DnsMessage.FLAG_AUTHORITATIVE,
                            message.questions(), records, List.of(), List.of())
                    : DnsMessage.response(records);
            responsesSent++;
            sockets.send(socket, response, sender);
        }
        for (Registration registration : multicast) {
            multicastOn(registration, List.of(socket));
        }
    }

    /**
     * RFC 6762 §7.1: "A Multicast DNS responder MUST NOT answer a Multicast DNS query if the
     * answer it would give is already included in the Answer Section with an RR TTL at least half
     * the correct value."
     */
    private static boolean isKnownAnswer(DnsMessage query, DnsResourceRecord record) {
        for (DnsResourceRecord known : query.answers()) {
            if (known.name().sameAs(record.name()) && known.type().equals(record.type())
                    && known.dnsClass() == record.dnsClass() && known.address().equals(record.address())
                    && known.effectiveTtl() >= record.ttl() / 2) {
                return true;
            }
        }
        return false;
    }

    /** Multicasts the record on these sockets now, or when the rate limit allows. */
    private void multicastOn(Registration registration, List<UdpSocket> on) {
        registration.pendingSockets.addAll(on);
        if (registration.pendingMulticast != null) {
            return; // already waiting for the rate limit; goes out then
        }
        long wait = registration.multicastAt == Long.MIN_VALUE ? 0
                : registration.multicastAt + MIN_MULTICAST_INTERVAL.toNanos() - scheduler.nanoTime();
        if (wait <= 0) {
            flushMulticast(registration);
        } else {
            registration.pendingMulticast = scheduler.schedule(() -> {
                registration.pendingMulticast = null;
                flushMulticast(registration);
            }, wait, TimeUnit.NANOSECONDS);
        }
    }

    private void flushMulticast(Registration registration) {
        if (closed || byName.get(registration.name.key()) != registration) {
            return;
        }
        List<UdpSocket> on = new ArrayList<>(registration.pendingSockets);
        registration.pendingSockets.clear();
        registration.multicastAt = scheduler.nanoTime();
        DnsMessage response = DnsMessage.response(List.of(registration.record(TTL_SECONDS)));
        for (UdpSocket socket : on) {
            responsesSent++;
            sockets.multicast(socket, response);
        }
    }

    private void sayGoodbye(List<Registration> registrations) {
        List<DnsResourceRecord> goodbyes = new ArrayList<>();
        for (Registration registration : registrations) {
            goodbyes.add(registration.record(0));
        }
        if (!goodbyes.isEmpty()) {
            responsesSent += sockets.sockets().size();
            sockets.multicast(DnsMessage.response(goodbyes));
        }
    }

    /** Says goodbye for every name (RFC 6762 §10.1), stops answering and leaves the groups. Idempotent. */
    @Override
    public void close() {
        requireLoop();
        if (closed) {
            return;
        }
        List<Registration> all = new ArrayList<>(byName.values());
        for (Registration registration : all) {
            registration.cancelTimers();
        }
        sayGoodbye(all);
        closed = true;
        byName.clear();
        byAddress.clear();
        sockets.close();
    }

    private void requireLoop() {
        if (!scheduler.inLoop()) {
            throw new IllegalStateException("call the mDNS responder on its stack's loop");
        }
    }

    /** Responses sent, multicast (one per socket) and unicast. */
    public long responsesSent() {
        return responsesSent;
    }

    /** Questions for names this responder does not own, left unanswered. */
    public long questionsForOtherNames() {
        return questionsForOtherNames;
    }

    /** Answers left out because the query already held them (RFC 6762 §7.1). */
    public long knownAnswersSuppressed() {
        return knownAnswersSuppressed;
    }

    /** Queries dropped for a nonzero OPCODE or RCODE. */
    public long ignoredQueries() {
        return ignoredQueries;
    }

    /** Datagrams dropped because they were not well-formed DNS messages. */
    public long malformedPackets() {
        return sockets.malformedPackets();
    }

    /** mDNS group joins that failed. */
    public long joinFailures() {
        return sockets.joinFailures();
    }

    private static final class Registration {
        final DnsName name;
        final InetAddress address;
        final Set<UdpSocket> pendingSockets = new LinkedHashSet<>();
        int references = 1;
        long multicastAt = Long.MIN_VALUE;
        Scheduler.Cancellable pendingMulticast;
        Scheduler.Cancellable announcement;

        Registration(DnsName name, InetAddress address) {
            this.name = name;
            this.address = address;
        }

        /**
         * The address record. RFC 6762 §10.2: the cache-flush bit marks "a member of a unique
         * RRSet"; a random name's address is unique.
         */
        DnsResourceRecord record(long ttl) {
            return DnsResourceRecord.address(name, address, ttl, true);
        }

        void cancelTimers() {
            if (pendingMulticast != null) {
                pendingMulticast.cancel();
                pendingMulticast = null;
            }
            if (announcement != null) {
                announcement.cancel();
            }
            pendingSockets.clear();
        }
    }
}
