package org.ortc4j.ice.internal.mdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.vnet.TrackingAllocator;
import org.ortc4j.ice.net.UdpSocket;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.ice.vnet.VirtualHost;
import org.ortc4j.ice.vnet.VirtualNetwork;

/**
 * {@link MdnsResponder} on host A of one virtual segment; host C asks (from port 5353, or from
 * another port as a legacy resolver would) and watches, host D only watches, so that a response D
 * does not see was unicast.
 */
class MdnsResponderTest {

    /** draft-ietf-mmusic-mdns-ice-candidates §3.1.1: "a version 4 UUID as defined in [RFC4122], followed by ".local"". */
    private static final Pattern UUID_V4_LOCAL =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\\.local");

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final TrackingAllocator alloc = new TrackingAllocator();
    private final VirtualNetwork network = new VirtualNetwork(scheduler, 11, alloc);
    private final VirtualHost hostA = network.addHost("a", "192.0.2.1", "2001:db8::1");
    private final MdnsSniffer asker = new MdnsSniffer(network.addHost("c", "192.0.2.3"));
    private final MdnsSniffer bystander = new MdnsSniffer(network.addHost("d", "192.0.2.4"));
    private final List<UdpSocket> legacySockets = new ArrayList<>();
    private MdnsResponder responder;

    @BeforeEach
    void start() {
        responder = new MdnsResponder(hostA);
    }

    @AfterEach
    void closeAndCheckBuffers() {
        responder.close();
        legacySockets.forEach(UdpSocket::close);
        scheduler.advance(Duration.ofMinutes(10));
        assertThat(alloc.unreleased()).as("every buffer released").isEmpty();
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    private static DnsMessage query(String name, DnsRecordType type, boolean unicastResponse) {
        return DnsMessage.query(List.of(DnsQuestion.of(DnsName.of(name), type, unicastResponse)));
    }

    /** Registers an address and lets the announcements pass. */
    private String registered(String address) throws Exception {
        String name = responder.register(ip(address));
        scheduler.advance(Duration.ofSeconds(2));
        asker.seen.clear();
        bystander.seen.clear();
        return name;
    }

    private void ask(DnsMessage query) {
        asker.multicast(query);
        scheduler.runDueTasks();
    }

    @Test
    void namesAreFreshVersion4UuidsInLocal() throws Exception {
        String first = responder.register(ip("192.0.2.1"));
        String second = responder.register(ip("2001:db8::1"));

        assertThat(first).matches(UUID_V4_LOCAL);
        assertThat(second).matches(UUID_V4_LOCAL);
        assertThat(second).as("draft §3.1.1: a different name for each address").isNotEqualTo(first);
        assertThat(responder.register(ip("192.0.2.1"))).as("an address keeps its name").isEqualTo(first);
        assertThat(responder.names()).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void aNewNameIsAnnouncedTwiceOneSecondApart() throws Exception {
        String name = responder.register(ip("192.0.2.1"));
        scheduler.advance(Duration.ofSeconds(5));

        assertThat(bystander.responseTimes()).containsExactly(0L, 1000L);
        assertThat(bystander.responses()).allSatisfy(seen -> {
            assertThat(seen.from()).isEqualTo(new InetSocketAddress(ip("192.0.2.1"), 5353));
            assertThat(seen.message().id()).isZero();
            assertThat(seen.message().flags()).isEqualTo(DnsMessage.FLAG_RESPONSE | DnsMessage.FLAG_AUTHORITATIVE);
            assertThat(seen.message().questions()).isEmpty();
            assertThat(seen.message().answers()).containsExactly(
                    DnsResourceRecord.address(DnsName.of(name), ip("192.0.2.1"), 120, true));
        });
    }

    @Test
    void answersAQmQueryByMulticastAtOnce() throws Exception {
        String name = registered("192.0.2.1");

        ask(query(name, DnsRecordType.A, false));

        assertThat(bystander.responses()).singleElement().satisfies(seen -> {
            assertThat(seen.atMillis()).isEqualTo(2000L);
            assertThat(seen.message().answers()).containsExactly(
                    DnsResourceRecord.address(DnsName.of(name), ip("192.0.2.1"), 120, true));
        });
        assertThat(asker.responses()).hasSize(1);
    }

    @Test
    void answersAQuQueryByUnicastWhileTheRecordWasMulticastRecently() throws Exception {
        String name = registered("192.0.2.1");

        ask(query(name, DnsRecordType.A, true));

        assertThat(asker.responses()).singleElement().satisfies(seen ->
                assertThat(seen.message().answers().get(0).address()).contains(ip("192.0.2.1")));
        assertThat(bystander.responses()).as("unicast: the bystander sees nothing").isEmpty();

        // RFC 6762 §5.4: not multicast within a quarter of the TTL (30 s): multicast instead.
        scheduler.advance(Duration.ofSeconds(31));
        ask(query(name, DnsRecordType.A, true));
        assertThat(bystander.responses()).hasSize(1);
    }

    @Test
    void answersALegacyResolverByUnicastWithItsIdAndQuestion() throws Exception {
        String name = registered("192.0.2.1");
        List<DnsMessage> replies = new ArrayList<>();
        DnsMessage legacyQuery = new DnsMessage(0x1234, 0x0100, List.of(DnsQuestion.of(DnsName.of(name), DnsRecordType.A, false)),
                List.of(), List.of(), List.of());

        legacySockets.add(asker.sendFromPort(40000, legacyQuery.encode(), replies::add));
        scheduler.runDueTasks();

        // RFC 6762 §6.7: unicast to the source port, the query ID and question repeated, no
        // cache-flush bit, TTL at most 10 s.
        assertThat(replies).singleElement().satisfies(reply -> {
            assertThat(reply.id()).isEqualTo(0x1234);
            assertThat(reply.isResponse()).isTrue();
            assertThat(reply.questions()).isEqualTo(legacyQuery.questions());
            assertThat(reply.answers()).containsExactly(
                    DnsResourceRecord.address(DnsName.of(name), ip("192.0.2.1"), 10, false));
        });
        assertThat(bystander.responses()).isEmpty();
    }

    @Test
    void neverAnswersForNamesItDoesNotOwn() throws Exception {
        registered("192.0.2.1");

        ask(query("someone-else.local", DnsRecordType.A, false));
        ask(query("0b8c5c51-5f8c-4c8e-9d3c-7a1b2c3d4e5f.local", DnsRecordType.ANY, false));
        scheduler.advance(Duration.ofSeconds(3));

        assertThat(asker.responses()).isEmpty();
        assertThat(bystander.responses()).isEmpty();
        assertThat(responder.questionsForOtherNames()).isEqualTo(2);
    }

    @Test
    void answersOnlyQuestionsItsRecordAnswers() throws Exception {
        String v4 = registered("192.0.2.1");

        ask(query(v4, DnsRecordType.AAAA, false));
        assertThat(bystander.responses()).as("no AAAA record for an IPv4 name").isEmpty();

        ask(query(v4.toUpperCase(java.util.Locale.ROOT), DnsRecordType.ANY, false));
        assertThat(bystander.responses()).singleElement().satisfies(seen ->
                assertThat(seen.message().answers().get(0).type()).isEqualTo(DnsRecordType.A));
    }

    @Test
    void answersAaaaForAnIpv6Address() throws Exception {
        String v6 = registered("2001:db8::1");

        ask(query(v6, DnsRecordType.AAAA, false));

        assertThat(bystander.responses()).singleElement().satisfies(seen ->
                assertThat(seen.message().answers()).containsExactly(
                        DnsResourceRecord.address(DnsName.of(v6), ip("2001:db8::1"), 120, true)));
    }

    @Test
    void multicastsARecordAtMostOnceASecond() throws Exception {
        String name = registered("192.0.2.1");

        ask(query(name, DnsRecordType.A, false));
        scheduler.advance(Duration.ofMillis(200));
        ask(query(name, DnsRecordType.A, false));
        scheduler.advance(Duration.ofMillis(200));
        ask(query(name, DnsRecordType.A, false));
        scheduler.advance(Duration.ofSeconds(3));

        // RFC 6762 §6: the answers to the second and third queries wait for the second to end,
        // and go out once.
        assertThat(bystander.responseTimes()).containsExactly(2000L, 3000L);
    }

    @Test
    void leavesOutAnswersTheQueryAlreadyKnows() throws Exception {
        String name = registered("192.0.2.1");
        DnsResourceRecord fresh = DnsResourceRecord.address(DnsName.of(name), ip("192.0.2.1"), 60, true);
        DnsResourceRecord stale = DnsResourceRecord.address(DnsName.of(name), ip("192.0.2.1"), 59, true);
        DnsQuestion question = DnsQuestion.of(DnsName.of(name), DnsRecordType.A, false);

        ask(new DnsMessage(0, 0, List.of(question), List.of(fresh), List.of(), List.of()));
        assertThat(bystander.responses()).as("RFC 6762 §7.1: TTL at least half of 120").isEmpty();
        assertThat(responder.knownAnswersSuppressed()).isEqualTo(1);

        ask(new DnsMessage(0, 0, List.of(question), List.of(stale), List.of(), List.of()));
        assertThat(bystander.responses()).hasSize(1);
    }

    @Test
    void ignoresResponsesAndQueriesWithAnOpcodeOrRcode() throws Exception {
        String name = registered("192.0.2.1");
        DnsQuestion question = DnsQuestion.of(DnsName.of(name), DnsRecordType.A, false);

        ask(new DnsMessage(0, DnsMessage.FLAG_RESPONSE, List.of(question), List.of(), List.of(), List.of()));
        ask(new DnsMessage(0, 4 << 11, List.of(question), List.of(), List.of(), List.of()));
        ask(new DnsMessage(0, 5, List.of(question), List.of(), List.of(), List.of()));

        assertThat(bystander.responses()).as("only the asker's own message")
                .allSatisfy(seen -> assertThat(seen.from().getAddress()).isEqualTo(ip("192.0.2.3")));
        assertThat(responder.ignoredQueries()).isEqualTo(2);
    }

    @Test
    void unregisteringSaysGoodbyeAndStopsAnswering() throws Exception {
        String name = registered("192.0.2.1");
        responder.register(ip("192.0.2.1"));

        assertThat(responder.unregister(name)).isTrue();
        scheduler.runDueTasks();
        assertThat(bystander.responses()).as("one registration is left").isEmpty();

        assertThat(responder.unregister(name.toUpperCase(java.util.Locale.ROOT))).isTrue();
        scheduler.runDueTasks();
        assertThat(bystander.responses()).singleElement().satisfies(seen ->
                assertThat(seen.message().answers().get(0).ttl()).as("RFC 6762 §10.1 goodbye").isZero());

        ask(query(name, DnsRecordType.A, false));
        assertThat(bystander.responses()).hasSize(1);
        assertThat(responder.unregister(name)).isFalse();
        assertThat(responder.unregister("not a name..")).isFalse();
        assertThat(responder.names()).isEmpty();
    }

    @Test
    void unregisteringDuringTheAnnouncementsStopsThem() throws Exception {
        String name = responder.register(ip("192.0.2.1"));
        scheduler.advance(Duration.ofMillis(500));

        responder.unregister(name);
        scheduler.advance(Duration.ofSeconds(5));

        assertThat(bystander.responses()).extracting(seen -> seen.message().answers().get(0).ttl())
                .containsExactly(120L, 0L);
    }

    @Test
    void closingSaysGoodbyeForEveryName() throws Exception {
        String first = registered("192.0.2.1");
        String second = responder.register(ip("2001:db8::1"));
        scheduler.advance(Duration.ofSeconds(2));
        bystander.seen.clear();

        responder.close();
        scheduler.runDueTasks();

        assertThat(bystander.responses()).singleElement().satisfies(seen -> {
            assertThat(seen.message().answers()).extracting(r -> r.name().toString()).containsExactly(first, second);
            assertThat(seen.message().answers()).allSatisfy(r -> assertThat(r.ttl()).isZero());
        });
        ask(query(first, DnsRecordType.A, false));
        assertThat(bystander.responses()).hasSize(1);
        assertThatThrownBy(() -> responder.register(ip("192.0.2.1"))).isInstanceOf(IllegalStateException.class);
        responder.close();
    }

    @Test
    void registersOnlyUnicastAddresses() {
        assertThatThrownBy(() -> responder.register(ip("0.0.0.0"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> responder.register(ip("224.0.0.251"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedQueriesAreCountedAndDoNotStopTheResponder() throws Exception {
        String name = registered("192.0.2.1");

        asker.send(new byte[] {1, 2, 3}, asker.group());
        asker.send(DnsMessageTest.hex("0000 0000 0001 0000 0000 0000 c00c 0001 0001"), asker.group());
        ask(query(name, DnsRecordType.A, false));

        assertThat(responder.malformedPackets()).isEqualTo(2);
        assertThat(bystander.responses()).hasSize(1);
    }
}
