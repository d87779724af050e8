package org.ortc4j.ice.internal.mdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.vnet.TrackingAllocator;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.ice.vnet.VirtualHost;
import org.ortc4j.ice.vnet.VirtualNetwork;

/**
 * {@link MdnsResolver} against {@link MdnsResponder} and a bystander on one segment of the virtual
 * network, in virtual time: host A answers for its name, host B resolves, host C watches the link.
 */
class MdnsResolverTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final TrackingAllocator alloc = new TrackingAllocator();
    private final VirtualNetwork network = new VirtualNetwork(scheduler, 7, alloc);
    private final VirtualHost hostA = network.addHost("a", "192.0.2.1");
    private final VirtualHost hostB = network.addHost("b", "192.0.2.2");
    private final MdnsSniffer sniffer = new MdnsSniffer(network.addHost("c", "192.0.2.3"));
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAndCheckBuffers() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        scheduler.advance(Duration.ofMinutes(10));
        assertThat(alloc.unreleased()).as("every buffer released").isEmpty();
    }

    private MdnsResponder responder(VirtualHost host) {
        MdnsResponder responder = new MdnsResponder(host);
        toClose.add(responder);
        return responder;
    }

    private MdnsResolver resolver(VirtualHost host, Duration timeout) {
        MdnsResolver resolver = new MdnsResolver(host, timeout);
        toClose.add(resolver);
        return resolver;
    }

    private MdnsResolver resolver(VirtualHost host) {
        return resolver(host, MdnsResolver.DEFAULT_TIMEOUT);
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    /** A registered name whose announcements are over, so that only queries get it answered. */
    private String announcedName(MdnsResponder responder, String address) throws Exception {
        String name = responder.register(ip(address));
        scheduler.advance(Duration.ofSeconds(2));
        sniffer.seen.clear();
        return name;
    }

    private static Throwable failure(CompletableFuture<?> future) {
        assertThat(future).isCompletedExceptionally();
        try {
            future.get();
            throw new AssertionError("not failed");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }

    @Test
    void resolvesANameThatAResponderOnAnotherHostOwns() throws Exception {
        String name = announcedName(responder(hostA), "192.0.2.1");
        MdnsResolver resolver = resolver(hostB);

        CompletableFuture<InetAddress> address = resolver.resolve(name);
        scheduler.runDueTasks();

        assertThat(address).isCompletedWithValue(ip("192.0.2.1"));
        assertThat(resolver.queriesSent()).isEqualTo(1);
        // The query on the wire: RFC 6762 §18.1 ID zero, QM questions for A and AAAA, from port 5353.
        assertThat(sniffer.queries()).singleElement().satisfies(seen -> {
            assertThat(seen.from()).isEqualTo(new java.net.InetSocketAddress(ip("192.0.2.2"), 5353));
            assertThat(seen.message().id()).isZero();
            assertThat(seen.message().flags()).isZero();
            assertThat(seen.message().questions()).extracting(DnsQuestion::type)
                    .containsExactly(DnsRecordType.A, DnsRecordType.AAAA);
            assertThat(seen.message().questions()).allSatisfy(q -> {
                assertThat(q.name()).hasToString(name);
                assertThat(q.unicastResponse()).isFalse();
            });
        });
        // The answer: multicast, at once, authoritative, TTL 120 with cache-flush (RFC 6762 §6, §10).
        long queriedAt = sniffer.queries().get(0).atMillis();
        assertThat(sniffer.responses()).singleElement().satisfies(seen -> {
            assertThat(seen.atMillis()).isEqualTo(queriedAt);
            assertThat(seen.from()).isEqualTo(new java.net.InetSocketAddress(ip("192.0.2.1"), 5353));
            assertThat(seen.message().questions()).isEmpty();
            assertThat(seen.message().answers()).singleElement().satisfies(record -> {
                assertThat(record.ttl()).isEqualTo(120);
                assertThat(record.cacheFlush()).isTrue();
                assertThat(record.address()).contains(ip("192.0.2.1"));
            });
        });
    }

    @Test
    void unknownNameTimesOutAfterTheTimeoutWithQueriesOneSecondThenDoublingApart() {
        MdnsResolver resolver = resolver(hostB);

        CompletableFuture<InetAddress> address = resolver.resolve("nobody.local");
        scheduler.advance(Duration.ofMillis(4999));
        assertThat(address).isNotDone();
        scheduler.advance(Duration.ofMillis(1));

        assertThat(failure(address)).isInstanceOf(TimeoutException.class)
                .hasMessageContaining("nobody.local").hasMessageContaining("3 queries");
        // RFC 6762 §5.2: at least one second between the first two queries, then at least
        // doubling: 0, 1 s, 3 s, and the next (7 s) would come after the timeout.
        assertThat(sniffer.queryTimes()).containsExactly(0L, 1000L, 3000L);
        assertThat(sniffer.queries()).allSatisfy(seen -> assertThat(seen.message().questions())
                .allSatisfy(q -> assertThat(q.unicastResponse()).as("retransmissions are QM").isFalse()));
        assertThat(resolver.timeouts()).isEqualTo(1);
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(sniffer.queries()).as("nothing after the timeout").hasSize(3);
    }

    @Test
    void aLongerTimeoutKeepsDoublingTheInterval() {
        MdnsResolver resolver = resolver(hostB, Duration.ofSeconds(20));

        CompletableFuture<InetAddress> address = resolver.resolve("nobody.local");
        scheduler.advance(Duration.ofMillis(19_999));
        assertThat(address).isNotDone();
        scheduler.advance(Duration.ofMillis(1));

        assertThat(failure(address)).isInstanceOf(TimeoutException.class);
        assertThat(sniffer.queryTimes()).containsExactly(0L, 1000L, 3000L, 7000L, 15000L);
    }

    @Test
    void aRetransmissionGetsThroughWhenTheFirstQueryIsLost() throws Exception {
        String name = announcedName(responder(hostA), "192.0.2.1");
        MdnsResolver resolver = resolver(hostB);
        hostA.setLinkConditions(org.ortc4j.ice.vnet.LinkConditions.builder().loss(1).build());

        CompletableFuture<InetAddress> address = resolver.resolve(name);
        scheduler.advance(Duration.ofMillis(500));
        assertThat(address).isNotDone();
        hostA.setLinkConditions(org.ortc4j.ice.vnet.LinkConditions.IDEAL);
        scheduler.advance(Duration.ofMillis(499));
        assertThat(address).isNotDone();
        scheduler.advance(Duration.ofMillis(1));

        assertThat(address).isCompletedWithValue(ip("192.0.2.1"));
        assertThat(resolver.queriesSent()).isEqualTo(2);
    }

    @Test
    void anAnswerStopsTheRetransmissions() throws Exception {
        MdnsResponder responder = responder(hostA);
        MdnsResolver resolver = resolver(hostB);
        String name = "1f0e5a6c-2b3d-4e5f-8a9b-0c1d2e3f4a5b.local";
        CompletableFuture<InetAddress> address = resolver.resolve(name);
        scheduler.advance(Duration.ofMillis(1500));
        assertThat(address).isNotDone();

        // A bystander answers the question (as a responder for the name would).
        sniffer.multicast(DnsMessage.response(List.of(
                DnsResourceRecord.address(DnsName.of(name), ip("192.0.2.9"), 120, true))));
        scheduler.advance(Duration.ofSeconds(10));

        assertThat(address).isCompletedWithValue(ip("192.0.2.9"));
        assertThat(sniffer.queryTimes()).containsExactly(0L, 1000L);
        assertThat(responder.questionsForOtherNames()).as("the responder does not own the name").isEqualTo(4);
    }

    @Test
    void aCachedAnswerIsUsedForItsTtlWithoutAQuery() throws Exception {
        String name = announcedName(responder(hostA), "192.0.2.1");
        MdnsResolver resolver = resolver(hostB);
        resolver.resolve(name);
        scheduler.runDueTasks();
        sniffer.seen.clear();

        scheduler.advance(Duration.ofSeconds(119));
        CompletableFuture<InetAddress> again = resolver.resolve(name.toUpperCase(java.util.Locale.ROOT));

        assertThat(again).isCompletedWithValue(ip("192.0.2.1"));
        assertThat(sniffer.queries()).as("the second lookup sends nothing").isEmpty();
        assertThat(resolver.cacheHits()).isEqualTo(1);

        scheduler.advance(Duration.ofSeconds(2));
        CompletableFuture<InetAddress> expired = resolver.resolve(name);
        scheduler.runDueTasks();
        assertThat(expired).isCompletedWithValue(ip("192.0.2.1"));
        assertThat(sniffer.queries()).as("after the TTL the name is asked again").hasSize(1);
    }

    @Test
    void concurrentLookupsOfOneNameShareOneQuery() throws Exception {
        String name = announcedName(responder(hostA), "192.0.2.1");
        MdnsResolver resolver = resolver(hostB);

        CompletableFuture<InetAddress> first = resolver.resolve(name);
        CompletableFuture<InetAddress> second = resolver.resolve(name.toUpperCase(java.util.Locale.ROOT) + ".");
        scheduler.runDueTasks();

        assertThat(first).isCompletedWithValue(ip("192.0.2.1"));
        assertThat(second).isCompletedWithValue(ip("192.0.2.1"));
        assertThat(resolver.queriesSent()).isEqualTo(1);
        assertThat(sniffer.queries()).hasSize(1);
    }

    @Test
    void announcementsOfBrowserStyleNamesAreCached() throws Exception {
        MdnsResolver resolver = resolver(hostB);
        String name = responder(hostA).register(ip("192.0.2.1"));
        scheduler.advance(Duration.ofSeconds(2));

        CompletableFuture<InetAddress> address = resolver.resolve(name);

        assertThat(address).isCompletedWithValue(ip("192.0.2.1"));
        assertThat(resolver.queriesSent()).isZero();
        assertThat(sniffer.queries()).isEmpty();
        assertThat(sniffer.responseTimes()).as("RFC 6762 §8.3: two announcements, one second apart")
                .containsExactly(0L, 1000L);
    }

    @Test
    void answersForOtherNamesAreIgnoredAndCounted() throws Exception {
        MdnsResolver resolver = resolver(hostB);
        CompletableFuture<InetAddress> address = resolver.resolve("wanted.local");

        sniffer.multicast(DnsMessage.response(List.of(
                DnsResourceRecord.address(DnsName.of("printer.local"), ip("192.0.2.50"), 120, true))));
        scheduler.runDueTasks();

        assertThat(address).isNotDone();
        assertThat(resolver.answersForOtherNames()).isEqualTo(1);
        assertThat(resolver.resolve("printer.local")).as("not cached either").isNotDone();
    }

    @Test
    void responsesThatRfc6762SaysToIgnoreAreIgnored() throws Exception {
        MdnsResolver resolver = resolver(hostB);
        CompletableFuture<InetAddress> address = resolver.resolve("wanted.local");
        DnsResourceRecord answer = DnsResourceRecord.address(DnsName.of("wanted.local"), ip("192.0.2.50"), 120, true);

        // §6: a response whose source port is not 5353.
        sniffer.sendFromPort(40000, DnsMessage.response(List.of(answer)).encode(), m -> { }).close();
        // §18.3: OPCODE not zero; §18.11: RCODE not zero.
        sniffer.multicast(new DnsMessage(0, 0x8400 | (1 << 11), List.of(), List.of(answer), List.of(), List.of()));
        sniffer.multicast(new DnsMessage(0, 0x8400 | 3, List.of(), List.of(answer), List.of(), List.of()));
        scheduler.runDueTasks();

        assertThat(address).isNotDone();
        assertThat(resolver.ignoredResponses()).isEqualTo(3);
    }

    @Test
    void malformedPacketsAreDroppedAndCounted() {
        MdnsResponder responder = responder(hostA);
        MdnsResolver resolver = resolver(hostB);
        CompletableFuture<InetAddress> address = resolver.resolve("wanted.local");

        sniffer.send(new byte[] {0, 0, (byte) 0x84, 0, 0, 0, 0, 1}, sniffer.group());
        sniffer.send(DnsMessageTest.hex("0000 8400 0000 0001 0000 0000 c00c 0001 0001 00000078 0004 0a000001"), sniffer.group());
        scheduler.runDueTasks();

        assertThat(resolver.malformedPackets()).isEqualTo(2);
        assertThat(responder.malformedPackets()).isEqualTo(2);
        assertThat(address).isNotDone();
    }

    @Test
    void aGoodbyeEndsTheCachedAnswerOneSecondLater() throws Exception {
        MdnsResponder responder = responder(hostA);
        MdnsResolver resolver = resolver(hostB, Duration.ofSeconds(2));
        String name = responder.register(ip("192.0.2.1"));
        scheduler.advance(Duration.ofSeconds(2));

        assertThat(responder.unregister(name)).isTrue();
        scheduler.runDueTasks();
        assertThat(sniffer.responses()).last().satisfies(seen ->
                assertThat(seen.message().answers().get(0).ttl()).as("RFC 6762 §10.1 goodbye").isZero());
        scheduler.advance(Duration.ofMillis(999));
        assertThat(resolver.resolve(name)).as("RFC 6762 §10.1: kept one more second").isCompletedWithValue(ip("192.0.2.1"));
        scheduler.advance(Duration.ofMillis(1));

        CompletableFuture<InetAddress> gone = resolver.resolve(name);
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(failure(gone)).isInstanceOf(TimeoutException.class);
    }

    @Test
    void cancellingTheOnlyWaiterStopsTheQueries() {
        MdnsResolver resolver = resolver(hostB);
        CompletableFuture<InetAddress> address = resolver.resolve("nobody.local");

        address.cancel(false);
        scheduler.advance(Duration.ofSeconds(10));

        assertThat(sniffer.queryTimes()).containsExactly(0L);
        assertThat(resolver.timeouts()).isZero();
    }

    @Test
    void closingFailsPendingLookupsAndSendsNothingMore() {
        MdnsResolver resolver = resolver(hostB);
        CompletableFuture<InetAddress> address = resolver.resolve("nobody.local");

        resolver.close();
        scheduler.advance(Duration.ofSeconds(10));

        assertThat(failure(address)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(sniffer.queryTimes()).containsExactly(0L);
        assertThat(failure(resolver.resolve("other.local"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyLocalNamesAreResolved() {
        MdnsResolver resolver = resolver(hostB);

        assertThatThrownBy(() -> resolver.resolve("example.com")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a .local name");
        assertThatThrownBy(() -> resolver.resolve("local")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> resolver.resolve("a..local")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> resolver.resolve("x".repeat(64) + ".local")).isInstanceOf(IllegalArgumentException.class);
        assertThat(sniffer.queries()).isEmpty();
    }

    @Test
    void outstandingLookupsAreBounded() {
        MdnsResolver resolver = resolver(hostB);
        for (int i = 0; i < MdnsResolver.MAX_OUTSTANDING; i++) {
            assertThat(resolver.resolve("n" + i + ".local")).isNotDone();
        }

        assertThat(failure(resolver.resolve("one-more.local"))).isInstanceOf(RejectedExecutionException.class);
        assertThat(resolver.resolve("n0.local")).as("joining a lookup is still fine").isNotDone();
    }

    @Test
    void resolvesOverIpv6() throws Exception {
        VirtualHost v6a = network.addHost("v6a", "2001:db8::1");
        VirtualHost v6b = network.addHost("v6b", "2001:db8::2");
        MdnsSniffer v6sniffer = new MdnsSniffer(network.addHost("v6c", "2001:db8::3"), true);
        MdnsResponder responder = responder(v6a);
        String name = responder.register(ip("2001:db8::1"));
        scheduler.advance(Duration.ofSeconds(2));
        MdnsResolver resolver = resolver(v6b);

        CompletableFuture<InetAddress> address = resolver.resolve(name);
        scheduler.runDueTasks();

        assertThat(address).isCompletedWithValue(ip("2001:db8::1"));
        assertThat(resolver.socketCount()).isEqualTo(1);
        assertThat(v6sniffer.responses()).last().satisfies(seen ->
                assertThat(seen.message().answers().get(0).type()).isEqualTo(DnsRecordType.AAAA));
        assertThat(v6sniffer.queries()).singleElement().satisfies(seen ->
                assertThat(seen.from().getAddress()).isEqualTo(ip("2001:db8::2")));
    }

    @Test
    void aDualStackHostJoinsBothGroups() {
        MdnsResolver resolver = resolver(network.addHost("dual", "192.0.2.20", "2001:db8::20"));

        assertThat(resolver.socketCount()).isEqualTo(2);
        assertThat(resolver.joinFailures()).isZero();
        resolver.resolve("nobody.local");
        scheduler.runDueTasks();
        assertThat(sniffer.queries()).hasSize(1);
    }

    @Test
    void resolvesANameOwnedOnTheSameHost() throws Exception {
        MdnsResponder responder = responder(hostB);
        String name = announcedName(responder, "192.0.2.2");
        MdnsResolver resolver = resolver(hostB);

        CompletableFuture<InetAddress> address = resolver.resolve(name);
        scheduler.runDueTasks();

        assertThat(address).isCompletedWithValue(ip("192.0.2.2"));
    }

    @Test
    void candidateAddressesFollowTheDraftsFirstStep() {
        assertThat(MdnsResolver.isMdnsCandidateAddress("1f0e5a6c-2b3d-4e5f-8a9b-0c1d2e3f4a5b.local")).isTrue();
        assertThat(MdnsResolver.isMdnsCandidateAddress("host.LOCAL")).isTrue();
        assertThat(MdnsResolver.isMdnsCandidateAddress("a.b.local")).as("more than one dot").isFalse();
        assertThat(MdnsResolver.isMdnsCandidateAddress(".local")).isFalse();
        assertThat(MdnsResolver.isMdnsCandidateAddress("192.0.2.1")).isFalse();
        assertThat(MdnsResolver.isMdnsCandidateAddress("host.example")).isFalse();
    }

    @Test
    void aStackWhereNoGroupCanBeJoinedFailsLookupsAtOnce() {
        VirtualHost down = network.addHost("down", "192.0.2.30");
        down.close();
        MdnsResolver resolver = resolver(down);

        CompletableFuture<InetAddress> address = resolver.resolve("nobody.local");

        assertThat(resolver.joinFailures()).isEqualTo(1);
        assertThat(failure(address)).isInstanceOf(java.io.IOException.class).hasMessageContaining("joined no multicast group");
    }

    @Test
    void joinsOnEachInterfaceOncePerFamilyAndOnLoopbackOnlyWhenThereIsNothingElse() throws Exception {
        org.ortc4j.ice.net.LocalAddress eth4 = new org.ortc4j.ice.net.LocalAddress(ip("192.0.2.1"), "eth0", false);
        org.ortc4j.ice.net.LocalAddress eth4b = new org.ortc4j.ice.net.LocalAddress(ip("192.0.2.7"), "eth0", false);
        org.ortc4j.ice.net.LocalAddress eth6 = new org.ortc4j.ice.net.LocalAddress(ip("fe80::1"), "eth0", false);
        org.ortc4j.ice.net.LocalAddress wlan4 = new org.ortc4j.ice.net.LocalAddress(ip("10.0.0.2"), "wlan0", false);
        org.ortc4j.ice.net.LocalAddress lo4 = new org.ortc4j.ice.net.LocalAddress(ip("127.0.0.1"), "lo", true);
        org.ortc4j.ice.net.LocalAddress lo6 = new org.ortc4j.ice.net.LocalAddress(ip("::1"), "lo", true);

        assertThat(MdnsSockets.joinAddresses(List.of(lo4, eth4, eth4b, eth6, wlan4, lo6)))
                .containsExactly(eth4, eth6, wlan4);
        assertThat(MdnsSockets.joinAddresses(List.of(lo4, lo6))).containsExactly(lo4, lo6);
        assertThat(MdnsSockets.joinAddresses(List.of())).isEmpty();
    }

    @Test
    void timeoutMustBeSensible() {
        assertThatThrownBy(() -> new MdnsResolver(hostB, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MdnsResolver(hostB, Duration.ofHours(2))).isInstanceOf(IllegalArgumentException.class);
    }
}
