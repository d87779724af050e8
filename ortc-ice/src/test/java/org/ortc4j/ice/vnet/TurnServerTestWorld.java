package org.ortc4j.ice.vnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.ice.stun.ErrorCodeAttribute;
import org.ortc4j.ice.stun.MessageIntegrityKey;
import org.ortc4j.ice.stun.NonceAttribute;
import org.ortc4j.ice.stun.RealmAttribute;
import org.ortc4j.ice.stun.RequestedTransportAttribute;
import org.ortc4j.ice.stun.StunAttribute;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.StunMessageClass;
import org.ortc4j.ice.stun.StunMessageType;
import org.ortc4j.ice.stun.StunMethod;
import org.ortc4j.ice.stun.UsernameAttribute;
import org.ortc4j.ice.stun.XorRelayedAddressAttribute;

/**
 * A virtual network with a TURN server at 192.0.2.10:3478 (users alice and bob, realm
 * example.org), and raw-STUN TURN clients built with StunMessage's builder: what the TURN server
 * tests drive. The clients speak the protocol by hand so that each test shows the messages.
 */
final class TurnServerTestWorld {

    static final String REALM = "example.org";
    static final InetSocketAddress SERVER = at("192.0.2.10", 3478);

    final VirtualScheduler scheduler = new VirtualScheduler();
    final TrackingAllocator alloc = new TrackingAllocator();
    final VirtualNetwork network = new VirtualNetwork(scheduler, 7, alloc);
    final VirtualHost serverHost = network.addHost("turn", "192.0.2.10");
    final TurnServer server;

    TurnServerTestWorld() {
        this(builder -> builder);
    }

    TurnServerTestWorld(UnaryOperator<TurnServer.Config.Builder> configure) {
        TurnServer.Config config = configure.apply(TurnServer.Config.builder(SERVER, REALM)
                .user("alice", "alice-secret")
                .user("bob", "bob-secret")).build();
        server = TurnServer.start(serverHost, config).join();
    }

    static InetSocketAddress at(String address, int port) {
        return new InetSocketAddress(VirtualHost.literal(address), port);
    }

    /** Lets the network deliver what is in flight (the links have no delay; a second is plenty). */
    void settle() {
        scheduler.advance(Duration.ofMillis(100));
    }

    void advance(Duration duration) {
        scheduler.advance(duration);
    }

    /** Closes the server and checks that every buffer the network allocated was released. */
    void closeAndCheckBuffers() {
        server.close();
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(alloc.unreleased()).as("unreleased buffers").isEmpty();
    }

    TurnClient client(String name, String address, int port, String user, String password) {
        VirtualHost host = network.addHost(name, address);
        return new TurnClient(new TurnServerTestPeer(host, at(address, port)), user, password);
    }

    TurnServerTestPeer peer(String name, String address, int port) {
        return new TurnServerTestPeer(network.addHost(name, address), at(address, port));
    }

    /** A TURN client made of a UDP socket and StunMessage's builder. */
    final class TurnClient {
        final TurnServerTestPeer udp;
        final String user;
        final String password;
        String nonce;

        TurnClient(TurnServerTestPeer udp, String user, String password) {
            this.udp = udp;
            this.user = user;
            this.password = password;
        }

        MessageIntegrityKey key() {
            return MessageIntegrityKey.longTerm(user, REALM, password);
        }

        /** A request with USERNAME, REALM, NONCE and MESSAGE-INTEGRITY. */
        StunMessage authenticated(StunMethod method, StunAttribute... attributes) {
            return StunMessage.newBuilder(StunMessageType.of(method, StunMessageClass.REQUEST))
                    .attributes(List.of(attributes))
                    .attribute(new UsernameAttribute(user))
                    .attribute(new RealmAttribute(REALM))
                    .attribute(new NonceAttribute(nonce))
                    .messageIntegrity(key())
                    .fingerprint()
                    .build();
        }

        /** Sends a message to the server and returns the one response it gets. */
        StunMessage exchange(StunMessage message) {
            udp.received.clear();
            udp.send(message, SERVER);
            settle();
            List<TurnServerTestPeer.Datagram> responses = new ArrayList<>(udp.received);
            udp.received.clear();
            assertThat(responses).as("responses to " + message.type()).hasSize(1);
            StunMessage response = responses.get(0).stun();
            assertThat(response.transactionId()).isEqualTo(message.transactionId());
            return response;
        }

        /**
         * An authenticated request; the response must carry valid integrity. A 438 (Stale Nonce)
         * is answered as a client does (RFC 8489 §9.2.5): once more with the new nonce.
         */
        StunMessage request(StunMethod method, StunAttribute... attributes) {
            StunMessage response = exchange(authenticated(method, attributes));
            if (errorCode(response) == ErrorCodeAttribute.STALE_NONCE) {
                nonce = response.attribute(NonceAttribute.class).orElseThrow().nonce();
                response = exchange(authenticated(method, attributes));
            }
            assertThat(response.verifyMessageIntegrity(key())).as("integrity of " + response).isTrue();
            return response;
        }

        /** The first Allocate without credentials, to learn the nonce (RFC 8656 §7.1). */
        StunMessage unauthenticatedAllocate() {
            StunMessage response = exchange(StunMessage.newBuilder(StunMessageType.of(StunMethod.ALLOCATE, StunMessageClass.REQUEST))
                    .attribute(new RequestedTransportAttribute(RequestedTransportAttribute.UDP))
                    .fingerprint()
                    .build());
            nonce = response.attribute(NonceAttribute.class).orElseThrow().nonce();
            return response;
        }

        /** The whole 401 → Allocate exchange; returns the relayed address. */
        InetSocketAddress allocate() {
            unauthenticatedAllocate();
            StunMessage response = request(StunMethod.ALLOCATE, new RequestedTransportAttribute(RequestedTransportAttribute.UDP));
            assertThat(response.type().messageClass()).as(response.toString()).isEqualTo(StunMessageClass.SUCCESS_RESPONSE);
            return response.attribute(XorRelayedAddressAttribute.class).orElseThrow().address();
        }

        void send(StunMessage message) {
            udp.send(message, SERVER);
        }

        void sendRaw(byte[] bytes) {
            udp.send(bytes, SERVER);
        }

        InetSocketAddress address() {
            return udp.address();
        }
    }

    static int errorCode(StunMessage response) {
        return response.attribute(ErrorCodeAttribute.class).map(ErrorCodeAttribute::code).orElse(-1);
    }
}
