package org.ortc4j.ice.vnet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.ortc4j.ice.net.NetworkStack;
import org.ortc4j.ice.net.StreamSocket;
import org.ortc4j.ice.net.UdpSocket;
import org.ortc4j.ice.stun.ChannelData;
import org.ortc4j.ice.stun.ChannelNumberAttribute;
import org.ortc4j.ice.stun.DataAttribute;
import org.ortc4j.ice.stun.DontFragmentAttribute;
import org.ortc4j.ice.stun.ErrorCodeAttribute;
import org.ortc4j.ice.stun.EvenPortAttribute;
import org.ortc4j.ice.stun.LifetimeAttribute;
import org.ortc4j.ice.stun.MessageIntegrityKey;
import org.ortc4j.ice.stun.RequestedAddressFamilyAttribute;
import org.ortc4j.ice.stun.RequestedTransportAttribute;
import org.ortc4j.ice.stun.ReservationTokenAttribute;
import org.ortc4j.ice.stun.StunAddressFamily;
import org.ortc4j.ice.stun.StunAttribute;
import org.ortc4j.ice.stun.StunAttributeType;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.StunMessageClass;
import org.ortc4j.ice.stun.StunMessageType;
import org.ortc4j.ice.stun.StunMethod;
import org.ortc4j.ice.stun.StunParseException;
import org.ortc4j.ice.stun.UnknownAttributesAttribute;
import org.ortc4j.ice.stun.XorMappedAddressAttribute;
import org.ortc4j.ice.stun.XorPeerAddressAttribute;
import org.ortc4j.ice.stun.XorRelayedAddressAttribute;

/**
 * A TURN server (RFC 8656) with UDP relaying, for tests on the virtual network and, since it is
 * written against {@link NetworkStack} alone, on real sockets too.
 *
 * <p>It serves Allocate, Refresh, CreatePermission and ChannelBind requests with the long-term
 * credential mechanism (RFC 8489 §9.2, MD5 key), Send indications and ChannelData from clients,
 * and relays datagrams from permitted peers back as ChannelData (when a channel is bound) or
 * Data indications. Allocations, permissions and channels expire on the stack's scheduler, so
 * tests move them through time with a virtual clock. Binding requests are answered as a STUN
 * server does. Clients reach it over UDP and, when {@link Config#tcpAddress()} is set and the
 * stack is a {@link VirtualHost}, over TCP (RFC 8656 §12.5 framing); relayed transport is UDP
 * only (REQUESTED-TRANSPORT 17).
 *
 * <p>Not done: EVEN-PORT and RESERVATION-TOKEN (508), DONT-FRAGMENT (420, as the RFC says for a
 * server that cannot set DF), dual allocations (ADDITIONAL-ADDRESS-FAMILY is ignored),
 * PASSWORD-ALGORITHMS/USERHASH, ICMP relaying, TCP relaying (RFC 6062).
 *
 * <p>Confined to the stack's loop: start it, call it and read its counters there.
 */
public final class TurnServer implements AutoCloseable {

    /**
     * How a {@link TurnServer} runs.
     *
     * @param udpAddress where clients reach the server over UDP
     * @param tcpAddress where clients reach it over TCP, or null for none (needs a {@link VirtualHost} stack)
     * @param relayAddress the address relayed sockets are bound on and reported in XOR-RELAYED-ADDRESS
     * @param realm the REALM of the long-term credentials
     * @param users username to password
     * @param defaultLifetime the lifetime of an allocation when the client asks for less (RFC 8656 §7.2)
     * @param maxLifetime the longest lifetime the server grants
     * @param nonceLifetime how long a NONCE stays valid before requests get 438 (Stale Nonce)
     * @param maxAllocationsPerUser allocations one username may hold before 486 (Allocation Quota Reached)
     */
    public record Config(InetSocketAddress udpAddress, InetSocketAddress tcpAddress, InetAddress relayAddress, String realm,
            Map<String, String> users, Duration defaultLifetime, Duration maxLifetime, Duration nonceLifetime,
            int maxAllocationsPerUser) {

        /**
         * @throws IllegalArgumentException if the relay address is a wildcard, a lifetime is not
         *     positive or the default is longer than the maximum
         */
        public Config {
            Objects.requireNonNull(udpAddress, "udpAddress");
            Objects.requireNonNull(relayAddress, "relayAddress");
            Objects.requireNonNull(realm, "realm");
            users = Map.copyOf(users);
            Objects.requireNonNull(defaultLifetime, "defaultLifetime");
            Objects.requireNonNull(maxLifetime, "maxLifetime");
            Objects.requireNonNull(nonceLifetime, "nonceLifetime");
            if (relayAddress.isAnyLocalAddress()) {
                throw new IllegalArgumentException("the relay address " + relayAddress
                        + " is a wildcard; clients need the address peers can reach");
            }
            if (defaultLifetime.toSeconds() <= 0 || nonceLifetime.isNegative() || nonceLifetime.isZero()
                    || maxLifetime.compareTo(defaultLifetime) < 0) {
                throw new IllegalArgumentException("lifetimes must be positive and default <= max: default "
                        + defaultLifetime + ", max " + maxLifetime + ", nonce " + nonceLifetime);
            }
            if (maxAllocationsPerUser < 1) {
                throw new IllegalArgumentException("maxAllocationsPerUser " + maxAllocationsPerUser + " < 1");
            }
        }

        /** Shows the users' names, never their passwords. */
        @Override
        public String toString() {
            return "Config[udp " + udpAddress + ", tcp " + tcpAddress + ", relay " + relayAddress.getHostAddress() + ", realm "
                    + realm + ", users " + users.keySet() + ", lifetime " + defaultLifetime + " (max " + maxLifetime
                    + "), nonce " + nonceLifetime + ", " + maxAllocationsPerUser + " allocations per user]";
        }

        /**
         * A builder for a server listening on UDP at {@code udpAddress} (whose IP, unless it is a
         * wildcard, is also the relay address) in {@code realm}.
         */
        public static Builder builder(InetSocketAddress udpAddress, String realm) {
            return new Builder(udpAddress, realm);
        }

        /** Builds a {@link Config}; defaults follow RFC 8656 §3.2 and §7.2 (10 minutes, at most an hour). */
        public static final class Builder {
            private final InetSocketAddress udpAddress;
            private final String realm;
            private InetSocketAddress tcpAddress;
            private InetAddress relayAddress;
            private final Map<String, String> users = new LinkedHashMap<>();
            private Duration defaultLifetime = Duration.ofMinutes(10);
            private Duration maxLifetime = Duration.ofHours(1);
            private Duration nonceLifetime = Duration.ofMinutes(10);
            private int maxAllocationsPerUser = 10;

            private Builder(InetSocketAddress udpAddress, String realm) {
                this.udpAddress = Objects.requireNonNull(udpAddress, "udpAddress");
                this.realm = Objects.requireNonNull(realm, "realm");
                this.relayAddress = udpAddress.getAddress();
            }

            /** Also serves TCP clients on this address's port (the stack must be a {@link VirtualHost}). */
            public Builder tcpAddress(InetSocketAddress tcpAddress) {
                this.tcpAddress = tcpAddress;
                return this;
            }

            /** The address relayed sockets bind on; by default the UDP listen address. */
            public Builder relayAddress(InetAddress relayAddress) {
                this.relayAddress = Objects.requireNonNull(relayAddress, "relayAddress");
                return this;
            }

            /** Adds a user of the long-term credential mechanism. */
            public Builder user(String username, String password) {
                users.put(Objects.requireNonNull(username, "username"), Objects.requireNonNull(password, "password"));
                return this;
            }

            /** The lifetime granted when the client asks for less or nothing; 10 minutes by default. */
            public Builder defaultLifetime(Duration lifetime) {
                this.defaultLifetime = lifetime;
                return this;
            }

            /** The longest lifetime granted; 1 hour by default. */
            public Builder maxLifetime(Duration lifetime) {
                this.maxLifetime = lifetime;
                return this;
            }

            /** How long a nonce is accepted before 438 (Stale Nonce); 10 minutes by default. */
            public Builder nonceLifetime(Duration lifetime) {
                this.nonceLifetime = lifetime;
                return this;
            }

            /** Allocations one username may hold at once before 486; 10 by default. */
            public Builder maxAllocationsPerUser(int max) {
                this.maxAllocationsPerUser = max;
                return this;
            }

            /**
             * The configuration.
             *
             * @throws IllegalArgumentException as {@link Config#Config} does
             */
            public Config build() {
                return new Config(udpAddress, tcpAddress, relayAddress, realm, users, defaultLifetime, maxLifetime,
                        nonceLifetime, maxAllocationsPerUser);
            }
        }
    }

    private final NetworkStack stack;
    private final Config config;
    private final TurnServerAuthentication authentication;
    private final Map<TurnServerClientLink, TurnServerAllocation> allocations = new HashMap<>();
    private final List<AutoCloseable> listeners = new ArrayList<>();
    private final Set<StreamSocket> streams = new HashSet<>();
    private UdpSocket udpSocket;
    private boolean closed;

    private long allocationsCreated;
    private long allocationsExpired;
    private long errorResponses;
    private long relayedToPeers;
    private long relayedToClients;
    private long droppedClientPackets;
    private long droppedPeerPackets;

    private TurnServer(NetworkStack stack, Config config) {
        this.stack = stack;
        this.config = config;
        TurnServerNonces nonces = new TurnServerNonces(stack.scheduler(), config.nonceLifetime().toNanos());
        this.authentication = new TurnServerAuthentication(config.realm(), config.users(), nonces);
    }

    /**
     * Binds the server's UDP socket (and TCP listener, when configured) and serves TURN on them.
     * Call on the stack's loop; the future completes there, or fails as
     * {@link NetworkStack#bindUdp} does.
     *
     * @throws IllegalArgumentException if a TCP address is configured but the stack is not a
     *     {@link VirtualHost}
     */
    public static CompletableFuture<TurnServer> start(NetworkStack stack, Config config) {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(config, "config");
        if (config.tcpAddress() != null && !(stack instanceof VirtualHost)) {
            throw new IllegalArgumentException("TURN over TCP needs a VirtualHost stack: NetworkStack cannot listen");
        }
        TurnServer server = new TurnServer(stack, config);
        return stack.bindUdp(config.udpAddress(), server::onUdpDatagram).thenApply(socket -> {
            server.udpSocket = socket;
            server.listeners.add(socket);
            if (config.tcpAddress() != null) {
                try {
                    server.listeners.add(TurnServerStreams.listen((VirtualHost) stack, config.tcpAddress(), server));
                } catch (RuntimeException e) {
                    server.close();
                    throw e;
                }
            }
            return server;
        });
    }

    /** The UDP address clients send to. */
    public InetSocketAddress udpAddress() {
        return udpSocket.localAddress();
    }

    /** The configuration the server runs with. */
    public Config config() {
        return config;
    }

    // -------------------------------------------------------------------------------------
    // From clients

    private void onUdpDatagram(UdpSocket socket, InetSocketAddress sender, ByteBuf data) {
        onClientPacket(TurnServerClientLink.udp(socket, sender), data);
    }

    /** One datagram, or one frame of a stream, from a client. Takes ownership of {@code packet}. */
    void onClientPacket(TurnServerClientLink link, ByteBuf packet) {
        try {
            if (closed) {
                return;
            }
            // RFC 8656 §12: channel numbers (0x4000-0x4FFF) start with the bits 01, STUN messages
            // with 00 (RFC 8489 §5), so the first byte tells them apart.
            if (ChannelData.isChannelData(packet)) {
                onChannelData(link, packet);
            } else {
                onStun(link, ByteBufUtil.getBytes(packet));
            }
        } finally {
            packet.release();
        }
    }

    /** A client connected over TCP. */
    void onStreamOpened(StreamSocket socket) {
        if (closed) {
            socket.close();
            return;
        }
        streams.add(socket);
    }

    /**
     * The client's TCP connection ended. The connection is part of the allocation's 5-tuple (RFC
     * 8656 §2), so nothing can reach the allocation any more: it is freed at once rather than left
     * to expire.
     */
    void onClientGone(TurnServerClientLink link, StreamSocket socket) {
        streams.remove(socket);
        TurnServerAllocation allocation = allocations.remove(link);
        if (allocation != null) {
            allocation.close();
        }
    }

    /** A stream held bytes that cannot be framed; the caller closes it. */
    void onUnframeable() {
        droppedClientPackets++;
    }

    private void onStun(TurnServerClientLink link, byte[] bytes) {
        StunMessage message;
        try {
            message = StunMessage.decode(bytes);
        } catch (StunParseException e) {
            StunMessage badRequest = StunServerResponses.badRequestForMalformed(bytes);
            if (badRequest == null) {
                droppedClientPackets++;
            } else {
                send(link, badRequest);
            }
            return;
        }
        if (StunServerResponses.hasBadFingerprint(message)) {
            droppedClientPackets++;
            return;
        }
        StunMessageClass messageClass = message.type().messageClass();
        if (messageClass == StunMessageClass.INDICATION && message.type().method().equals(StunMethod.SEND)) {
            onSendIndication(link, message);
        } else if (messageClass == StunMessageClass.REQUEST) {
            onRequest(link, message);
        } else {
            // Responses, and indications other than Send (a Binding indication is a keepalive).
            droppedClientPackets++;
        }
    }

    private void onRequest(TurnServerClientLink link, StunMessage request) {
        StunMethod method = request.type().method();
        if (method.equals(StunMethod.BINDING)) {
            onBinding(link, request);
            return;
        }
        if (!StunServerResponses.isTurnMethod(method)) {
            sendError(link, request, ErrorCodeAttribute.BAD_REQUEST, "Method " + method + " is not served here", null);
            return;
        }
        // RFC 8656 §5: "The server MUST demand that all requests from the client be
        // authenticated using this mechanism".
        TurnServerAuthentication.Outcome auth = authentication.authenticate(request);
        if (!auth.authenticated()) {
            send(link, auth.rejection());
            return;
        }
        MessageIntegrityKey key = auth.key();
        // RFC 8489 §6.3.1: unknown comprehension-required attributes get 420 with
        // UNKNOWN-ATTRIBUTES, once authentication has passed.
        List<StunAttributeType> unknown = request.unknownComprehensionRequiredTypes();
        if (!unknown.isEmpty()) {
            sendError(link, request, ErrorCodeAttribute.UNKNOWN_ATTRIBUTE, "Unknown Attribute", key,
                    new UnknownAttributesAttribute(unknown));
            return;
        }
        TurnServerAllocation allocation = allocations.get(link);
        // RFC 8656 §5: a request on an existing allocation whose USERNAME is not the one that
        // created it is rejected with 441 (Wrong Credentials).
        if (allocation != null && !allocation.username.equals(auth.username())) {
            sendError(link, request, ErrorCodeAttribute.WRONG_CREDENTIALS, "Wrong Credentials", key);
            return;
        }
        if (method.equals(StunMethod.ALLOCATE)) {
            onAllocate(link, request, auth, allocation);
            return;
        }
        // RFC 8656 §5: other requests need an allocation on this 5-tuple; without one the
        // server answers 437 (Allocation Mismatch).
        if (allocation == null || allocation.isPending()) {
            sendError(link, request, ErrorCodeAttribute.ALLOCATION_MISMATCH, "Allocation Mismatch", key);
            return;
        }
        if (method.equals(StunMethod.REFRESH)) {
            onRefresh(link, request, key, allocation);
        } else if (method.equals(StunMethod.CREATE_PERMISSION)) {
            onCreatePermission(link, request, key, allocation);
        } else {
            onChannelBind(link, request, key, allocation);
        }
    }

    private void onBinding(TurnServerClientLink link, StunMessage request) {
        List<StunAttributeType> unknown = request.unknownComprehensionRequiredTypes();
        if (!unknown.isEmpty()) {
            sendError(link, request, ErrorCodeAttribute.UNKNOWN_ATTRIBUTE, "Unknown Attribute", null,
                    new UnknownAttributesAttribute(unknown));
            return;
        }
        send(link, StunServerResponses.bindingSuccess(request, link.remote()));
    }

    // -------------------------------------------------------------------------------------
    // Allocate, RFC 8656 §7.2

    private void onAllocate(TurnServerClientLink link, StunMessage request, TurnServerAuthentication.Outcome auth,
            TurnServerAllocation existing) {
        MessageIntegrityKey key = auth.key();
        // RFC 8656 §7.2: "The server checks if the 5-tuple is currently in use by an existing
        // allocation. If yes, the server rejects the request with a 437 (Allocation Mismatch)
        // error." A retransmission of the request that made the allocation is answered again
        // instead, as the note on the "stateless stack approach" there asks.
        if (existing != null) {
            if (Arrays.equals(existing.allocateTransactionId, request.transactionId())) {
                if (!existing.isPending()) {
                    send(link, existing.allocateResponse());
                }
                return;
            }
            sendError(link, request, ErrorCodeAttribute.ALLOCATION_MISMATCH, "Allocation Mismatch", key);
            return;
        }
        // "The server checks if the request contains a REQUESTED-TRANSPORT attribute. If the
        // REQUESTED-TRANSPORT attribute is not included or is malformed, the server rejects the
        // request with a 400 (Bad Request) error. Otherwise, if the attribute indicates an
        // unsupported transport protocol, the server rejects the request with a 442 (Unsupported
        // Transport Protocol) error."
        Optional<RequestedTransportAttribute> transport = request.attribute(RequestedTransportAttribute.class);
        if (transport.isEmpty()) {
            sendError(link, request, ErrorCodeAttribute.BAD_REQUEST, "REQUESTED-TRANSPORT is required", key);
            return;
        }
        if (transport.get().protocol() != RequestedTransportAttribute.UDP) {
            sendError(link, request, ErrorCodeAttribute.UNSUPPORTED_TRANSPORT_PROTOCOL, "Unsupported Transport Protocol", key);
            return;
        }
        // "If it does, but the server does not support sending UDP datagrams with the DF bit set
        // to 1 [...], then the server treats the DONT-FRAGMENT attribute in the Allocate request
        // as an unknown comprehension-required attribute." A NetworkStack cannot set DF.
        if (request.attribute(DontFragmentAttribute.class).isPresent()) {
            sendError(link, request, ErrorCodeAttribute.UNKNOWN_ATTRIBUTE, "Unknown Attribute", key,
                    new UnknownAttributesAttribute(List.of(StunAttributeType.DONT_FRAGMENT)));
            return;
        }
        boolean hasToken = request.attribute(ReservationTokenAttribute.class).isPresent();
        boolean hasEvenPort = request.attribute(EvenPortAttribute.class).isPresent();
        Optional<RequestedAddressFamilyAttribute> family = request.attribute(RequestedAddressFamilyAttribute.class);
        // "If yes, and the request also contains an EVEN-PORT or REQUESTED-ADDRESS-FAMILY or
        // ADDITIONAL-ADDRESS-FAMILY attribute, the server rejects the request with a 400 (Bad
        // Request) error."
        if (hasToken && (hasEvenPort || family.isPresent()
                || request.attribute(StunAttributeType.ADDITIONAL_ADDRESS_FAMILY).isPresent())) {
            sendError(link, request, ErrorCodeAttribute.BAD_REQUEST, "RESERVATION-TOKEN with an address or port request", key);
            return;
        }
        // "If the token is not valid for some reason, the server rejects the request with a 508
        // (Insufficient Capacity) error." This server holds no reservations; and for EVEN-PORT,
        // "If the server cannot satisfy the request, then the server rejects the request with a
        // 508 (Insufficient Capacity) error."
        if (hasToken || hasEvenPort) {
            sendError(link, request, ErrorCodeAttribute.INSUFFICIENT_CAPACITY, "Insufficient Capacity", key);
            return;
        }
        // A REQUESTED-ADDRESS-FAMILY this server cannot relay (it relays on one address, of one
        // family) is answered 440 (Address Family not Supported), as §7.2 says.
        if (family.isPresent() && !family.get().family().equals(familyOf(config.relayAddress()))) {
            sendError(link, request, ErrorCodeAttribute.ADDRESS_FAMILY_NOT_SUPPORTED, "Address Family not Supported", key);
            return;
        }
        // "At any point, the server MAY choose to reject the request with a 486 (Allocation
        // Quota Reached) error if it feels the client is trying to exceed some locally defined
        // allocation quota." The quota here is per username.
        long held = allocations.values().stream().filter(a -> a.username.equals(auth.username())).count();
        if (held >= config.maxAllocationsPerUser()) {
            sendError(link, request, ErrorCodeAttribute.ALLOCATION_QUOTA_REACHED, "Allocation Quota Reached", key);
            return;
        }
        long lifetime = grantedLifetime(request);
        TurnServerAllocation allocation = new TurnServerAllocation(link, auth.username(), key, request.transactionId(),
                stack.scheduler(), () -> onExpired(link));
        allocations.put(link, allocation);
        stack.bindUdp(new InetSocketAddress(config.relayAddress(), 0),
                        (socket, peer, data) -> onPeerDatagram(allocation, peer, data))
                .whenComplete((relay, error) -> {
                    if (error != null) {
                        allocations.remove(link, allocation);
                        allocation.close();
                        sendError(link, request, ErrorCodeAttribute.INSUFFICIENT_CAPACITY, "Insufficient Capacity", key);
                        return;
                    }
                    if (closed || allocation.isClosed() || allocations.get(link) != allocation) {
                        relay.close();
                        return;
                    }
                    // RFC 8656 §7.2: the success response contains "An XOR-RELAYED-ADDRESS
                    // attribute containing the relayed transport address", "A LIFETIME attribute
                    // containing the current value of the time-to-expiry timer" and "An
                    // XOR-MAPPED-ADDRESS attribute containing the client's IP address and port
                    // (from the 5-tuple)".
                    StunMessage response = StunServerResponses.success(request, List.of(
                            new XorRelayedAddressAttribute(relay.localAddress()),
                            new LifetimeAttribute(lifetime),
                            new XorMappedAddressAttribute(link.remote())), key);
                    allocation.activate(relay, response, lifetime);
                    allocationsCreated++;
                    send(link, response);
                });
    }

    /**
     * RFC 8656 §7.2: "If the request contains a LIFETIME attribute, the server computes the
     * minimum of the client's requested lifetime and the server's maximum allowed lifetime. If
     * this computed value is greater than the default lifetime, then the server uses the computed
     * lifetime as the initial value of the time-to-expiry timer. Otherwise, the server uses the
     * default lifetime." (§8.2 computes a Refresh's "desired lifetime" the same way.)
     */
    private long grantedLifetime(StunMessage request) {
        long defaultSeconds = config.defaultLifetime().toSeconds();
        return request.attribute(LifetimeAttribute.class)
                .map(requested -> Math.max(defaultSeconds, Math.min(requested.seconds(), config.maxLifetime().toSeconds())))
                .orElse(defaultSeconds);
    }

    private void onExpired(TurnServerClientLink link) {
        allocationsExpired++;
        allocations.remove(link);
    }

    // -------------------------------------------------------------------------------------
    // Refresh, RFC 8656 §8.2

    private void onRefresh(TurnServerClientLink link, StunMessage request, MessageIntegrityKey key,
            TurnServerAllocation allocation) {
        // A REQUESTED-ADDRESS-FAMILY other than the allocation's is answered 443 (Peer Address
        // Family Mismatch), as §8.2 says.
        Optional<RequestedAddressFamilyAttribute> family = request.attribute(RequestedAddressFamilyAttribute.class);
        if (family.isPresent() && !family.get().family().equals(familyOf(config.relayAddress()))) {
            sendError(link, request, ErrorCodeAttribute.PEER_ADDRESS_FAMILY_MISMATCH, "Peer Address Family Mismatch", key);
            return;
        }
        // "if the request contains a LIFETIME attribute and the attribute value is zero, then
        // the 'desired lifetime' is zero. [...] If the 'desired lifetime' is zero, then the
        // request succeeds and the allocation is deleted."
        Optional<LifetimeAttribute> requested = request.attribute(LifetimeAttribute.class);
        long desired = requested.isPresent() && requested.get().seconds() == 0 ? 0 : grantedLifetime(request);
        if (desired == 0) {
            allocations.remove(link);
            allocation.close();
        } else {
            allocation.refresh(desired);
        }
        // "If the request succeeds, then the server sends a success response containing: A
        // LIFETIME attribute containing the current value of the time-to-expiry timer."
        send(link, StunServerResponses.success(request, List.of(new LifetimeAttribute(desired)), key));
    }

    // -------------------------------------------------------------------------------------
    // CreatePermission, RFC 8656 §10.2

    private void onCreatePermission(TurnServerClientLink link, StunMessage request, MessageIntegrityKey key,
            TurnServerAllocation allocation) {
        // "The CreatePermission request MUST contain at least one XOR-PEER-ADDRESS attribute and
        // MAY contain multiple such attributes. If no such attribute exists, or if any of these
        // attributes are invalid, then a 400 (Bad Request) error is returned."
        List<InetAddress> peers = new ArrayList<>();
        for (StunAttribute attribute : request.attributes()) {
            if (attribute instanceof XorPeerAddressAttribute) {
                peers.add(((XorPeerAddressAttribute) attribute).address().getAddress());
            }
        }
        if (peers.isEmpty()) {
            sendError(link, request, ErrorCodeAttribute.BAD_REQUEST, "XOR-PEER-ADDRESS is required", key);
            return;
        }
        // A peer address of another family than the relayed address is answered 443 (Peer
        // Address Family Mismatch), as §10.2 says.
        for (InetAddress peer : peers) {
            if (!sameFamily(peer, config.relayAddress())) {
                sendError(link, request, ErrorCodeAttribute.PEER_ADDRESS_FAMILY_MISMATCH, "Peer Address Family Mismatch", key);
                return;
            }
        }
        // "If the request is valid, but the server is unable to satisfy the request due to some
        // capacity limit or similar, then a 508 (Insufficient Capacity) error is returned." The
        // limit keeps one allocation's permission table bounded.
        if (!allocation.hasRoomForPermissions(peers)) {
            sendError(link, request, ErrorCodeAttribute.INSUFFICIENT_CAPACITY, "Insufficient Capacity", key);
            return;
        }
        // "the server installs or refreshes a permission for the IP address contained in each
        // XOR-PEER-ADDRESS attribute as described in Section 9. The port portion of each
        // attribute is ignored and may be any arbitrary value."
        peers.forEach(allocation::installPermission);
        send(link, StunServerResponses.success(request, List.of(), key));
    }

    // -------------------------------------------------------------------------------------
    // ChannelBind, RFC 8656 §12.2

    private void onChannelBind(TurnServerClientLink link, StunMessage request, MessageIntegrityKey key,
            TurnServerAllocation allocation) {
        // "The request contains both a CHANNEL-NUMBER and an XOR-PEER-ADDRESS attribute; The
        // channel number is in the range 0x4000 through 0x4FFF (inclusive); [...] If any of these
        // tests fail, the server replies with a 400 (Bad Request) error."
        Optional<ChannelNumberAttribute> number = request.attribute(ChannelNumberAttribute.class);
        Optional<XorPeerAddressAttribute> peer = request.attribute(XorPeerAddressAttribute.class);
        if (number.isEmpty() || peer.isEmpty()) {
            sendError(link, request, ErrorCodeAttribute.BAD_REQUEST, "CHANNEL-NUMBER and XOR-PEER-ADDRESS are required", key);
            return;
        }
        int channel = number.get().channelNumber();
        if (!ChannelData.isValidChannelNumber(channel)) {
            sendError(link, request, ErrorCodeAttribute.BAD_REQUEST,
                    String.format("Channel number 0x%04X is not in 0x4000-0x4FFF", channel), key);
            return;
        }
        InetSocketAddress peerAddress = peer.get().address();
        // As for CreatePermission, a peer of another family than the relayed address is 443.
        if (!sameFamily(peerAddress.getAddress(), config.relayAddress())) {
            sendError(link, request, ErrorCodeAttribute.PEER_ADDRESS_FAMILY_MISMATCH, "Peer Address Family Mismatch", key);
            return;
        }
        String conflict = allocation.whyNotBindable(channel, peerAddress);
        if (conflict != null) {
            sendError(link, request, ErrorCodeAttribute.BAD_REQUEST, conflict, key);
            return;
        }
        if (!allocation.hasRoomForPermissions(List.of(peerAddress.getAddress()))) {
            sendError(link, request, ErrorCodeAttribute.INSUFFICIENT_CAPACITY, "Insufficient Capacity", key);
            return;
        }
        // "the server creates or refreshes the channel binding using the channel number in the
        // CHANNEL-NUMBER attribute and the transport address in the XOR-PEER-ADDRESS attribute.
        // The server also installs or refreshes a permission for the IP address in the
        // XOR-PEER-ADDRESS attribute as described in Section 9."
        allocation.bindChannel(channel, peerAddress);
        send(link, StunServerResponses.success(request, List.of(), key));
    }

    // -------------------------------------------------------------------------------------
    // Data from the client, RFC 8656 §11.2 and §12.6

    private void onSendIndication(TurnServerClientLink link, StunMessage indication) {
        TurnServerAllocation allocation = allocations.get(link);
        // RFC 8656 §11.2: "The Send indication MUST contain both an XOR-PEER-ADDRESS attribute
        // and a DATA attribute. If one of these attributes is missing or invalid, then the
        // message is discarded."
        Optional<XorPeerAddressAttribute> peer = indication.attribute(XorPeerAddressAttribute.class);
        Optional<DataAttribute> data = indication.attribute(DataAttribute.class);
        // "The server also checks that there is a permission installed for the IP address
        // contained in the XOR-PEER-ADDRESS attribute. If no such permission exists, the message
        // is discarded. Note that a Send indication never causes the server to refresh the
        // permission."
        if (allocation == null || allocation.isPending() || peer.isEmpty() || data.isEmpty()
                || !allocation.hasPermission(peer.get().address().getAddress())) {
            droppedClientPackets++;
            return;
        }
        byte[] payload = data.get().data();
        allocation.sendToPeer(stack.alloc().buffer(payload.length).writeBytes(payload), peer.get().address());
        relayedToPeers++;
    }

    private void onChannelData(TurnServerClientLink link, ByteBuf packet) {
        ChannelData message;
        try {
            message = ChannelData.decode(packet);
        } catch (StunParseException e) {
            droppedClientPackets++;
            return;
        }
        try {
            TurnServerAllocation allocation = allocations.get(link);
            // RFC 8656 §12.6: "If the ChannelData message is received on a channel that is not
            // bound to any peer, then the message is silently discarded." The peer needs a
            // permission too, as for any datagram relayed (§9).
            TurnServerAllocation.Channel channel = allocation == null ? null : allocation.liveChannel(message.channelNumber());
            if (channel == null || !allocation.hasPermission(channel.peer().getAddress())) {
                droppedClientPackets++;
                return;
            }
            allocation.sendToPeer(message.content().retain(), channel.peer());
            relayedToPeers++;
        } finally {
            message.release();
        }
    }

    // -------------------------------------------------------------------------------------
    // Data from peers, RFC 8656 §11.3 and §12.7

    private void onPeerDatagram(TurnServerAllocation allocation, InetSocketAddress peer, ByteBuf data) {
        try {
            // RFC 8656 §11.3: "The server then checks to see whether the set of permissions for
            // the allocation allow the relaying of the UDP datagram as described in Section 9."
            if (closed || allocation.isClosed() || !allocation.hasPermission(peer.getAddress())) {
                droppedPeerPackets++;
                return;
            }
            // "If relaying is permitted, then the server checks if there is a channel bound to
            // the peer that sent the UDP datagram (see Section 12). If a channel is bound, then
            // processing proceeds as described in Section 12.7."
            TurnServerAllocation.Channel channel = allocation.liveChannel(peer);
            int length = data.readableBytes();
            if (channel != null && length <= ChannelData.MAX_DATA_LENGTH) {
                // RFC 8656 §12.5: padded over TCP and TLS, not over UDP.
                boolean padded = allocation.link.isStream();
                ByteBuf out = stack.alloc().buffer(ChannelData.paddedLength(length));
                ChannelData.encode(channel.number(), data, padded, out);
                allocation.link.send(out);
                relayedToClients++;
                return;
            }
            // "If relaying is permitted but no channel is bound to the peer, then the server
            // forms and sends a Data indication. The Data indication MUST contain both an
            // XOR-PEER-ADDRESS and a DATA attribute."
            StunMessage indication;
            try {
                indication = StunMessage.newBuilder(StunMessageType.of(StunMethod.DATA, StunMessageClass.INDICATION))
                        .attribute(new XorPeerAddressAttribute(peer))
                        .attribute(new DataAttribute(ByteBufUtil.getBytes(data)))
                        .fingerprint()
                        .build();
            } catch (IllegalArgumentException tooLong) {
                droppedPeerPackets++;
                return;
            }
            send(allocation.link, indication);
            relayedToClients++;
        } finally {
            data.release();
        }
    }

    // -------------------------------------------------------------------------------------

    private void sendError(TurnServerClientLink link, StunMessage request, int code, String reason, MessageIntegrityKey key,
            StunAttribute... attributes) {
        send(link, StunServerResponses.error(request, code, reason, List.of(attributes), key));
    }

    private void send(TurnServerClientLink link, StunMessage message) {
        if (message.type().messageClass() == StunMessageClass.ERROR_RESPONSE) {
            errorResponses++;
        }
        byte[] encoded = message.encode();
        link.send(stack.alloc().buffer(encoded.length).writeBytes(encoded));
    }

    private static StunAddressFamily familyOf(InetAddress address) {
        return address instanceof Inet6Address ? StunAddressFamily.IPV6 : StunAddressFamily.IPV4;
    }

    private static boolean sameFamily(InetAddress a, InetAddress b) {
        return (a instanceof Inet6Address) == (b instanceof Inet6Address);
    }

    // -------------------------------------------------------------------------------------
    // Counters and state, for tests and monitoring

    /** Allocations that exist now (including those whose relayed socket is being bound). */
    public int allocationCount() {
        return allocations.size();
    }

    /** The relayed address of the allocation of a UDP client, if it has one. */
    public Optional<InetSocketAddress> relayedAddress(InetSocketAddress udpClient) {
        TurnServerAllocation allocation = udpSocket == null ? null
                : allocations.get(TurnServerClientLink.udp(udpSocket, udpClient));
        return allocation == null || allocation.isPending() ? Optional.empty() : Optional.of(allocation.relayedAddress());
    }

    /** Allocations created since the start. */
    public long allocationsCreated() {
        return allocationsCreated;
    }

    /** Allocations that ended because their lifetime ran out. */
    public long allocationsExpired() {
        return allocationsExpired;
    }

    /** Error responses sent, of any code. */
    public long errorResponses() {
        return errorResponses;
    }

    /** Requests answered 401 (no or wrong credentials). */
    public long unauthenticatedRequests() {
        return authentication.unauthenticated();
    }

    /** Requests answered 438 (Stale Nonce). */
    public long staleNonces() {
        return authentication.staleNonces();
    }

    /** Datagrams sent to peers from Send indications and ChannelData. */
    public long relayedToPeers() {
        return relayedToPeers;
    }

    /** Datagrams from peers sent to clients as Data indications or ChannelData. */
    public long relayedToClients() {
        return relayedToClients;
    }

    /**
     * Packets from clients dropped: not STUN or ChannelData, malformed ChannelData, responses,
     * Send indications and ChannelData without an allocation, a permission or a bound channel,
     * and streams that could not be framed.
     */
    public long droppedClientPackets() {
        return droppedClientPackets;
    }

    /** Datagrams from peers dropped, mostly for want of a permission (RFC 8656 §9). */
    public long droppedPeerPackets() {
        return droppedPeerPackets;
    }

    /** Closes the listening sockets, the TCP connections and every allocation. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable listener : listeners) {
            try {
                listener.close();
            } catch (Exception e) {
                // Closing a socket of a NetworkStack does not fail; nothing to do.
            }
        }
        for (StreamSocket stream : List.copyOf(streams)) {
            stream.close();
        }
        streams.clear();
        allocations.values().forEach(TurnServerAllocation::close);
        allocations.clear();
    }
}
