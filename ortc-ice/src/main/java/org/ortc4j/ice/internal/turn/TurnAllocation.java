package org.ortc4j.ice.internal.turn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ortc4j.ice.internal.CandidateBase;
import org.ortc4j.ice.internal.PacketReceiver;
import org.ortc4j.ice.internal.StunClient;
import org.ortc4j.ice.internal.StunCredentials;
import org.ortc4j.ice.internal.StunTransactions;
import org.ortc4j.ice.net.NetworkStack;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.ice.stun.AlternateServerAttribute;
import org.ortc4j.ice.stun.ChannelData;
import org.ortc4j.ice.stun.DataAttribute;
import org.ortc4j.ice.stun.ErrorCodeAttribute;
import org.ortc4j.ice.stun.LifetimeAttribute;
import org.ortc4j.ice.stun.RequestedTransportAttribute;
import org.ortc4j.ice.stun.StunAttribute;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.StunMessageClass;
import org.ortc4j.ice.stun.StunMessageType;
import org.ortc4j.ice.stun.StunMethod;
import org.ortc4j.ice.stun.StunParseException;
import org.ortc4j.ice.stun.XorMappedAddressAttribute;
import org.ortc4j.ice.stun.XorPeerAddressAttribute;
import org.ortc4j.ice.stun.XorRelayedAddressAttribute;

/**
 * A TURN allocation (RFC 8656), the base of a relayed candidate: allocates a relayed UDP address
 * on a server reached over UDP, TCP or TLS, keeps it alive, and relays datagrams to and from
 * peers through it.
 *
 * <ul>
 * <li>{@link #allocate} runs the Allocate transaction with long-term credentials (401 and 438
 *     are {@link StunClient}'s), follows one 300 Try Alternate, tries up to three client
 *     transport addresses on 437, and fails with a {@link TurnAllocationException} otherwise.
 * <li>The allocation is refreshed one minute before it expires (half-way for lifetimes of two
 *     minutes or less); {@link #close()} deletes it with a Refresh of LIFETIME 0.
 * <li>{@link #send} creates a permission for the peer's IP on first use, queueing a bounded
 *     number of datagrams meanwhile, then sends Send indications and binds a channel, after which
 *     it sends ChannelData. Permissions are refreshed every 4 minutes and channels every 5 minutes
 *     while they are used (sent to or received from since the last refresh); unused ones lapse.
 * <li>Data indications and ChannelData from the server are unwrapped and handed to the
 *     {@link PacketReceiver} with the peer's address.
 * </ul>
 *
 * <p>Confined to the stack's loop: call {@link #send} and {@link #createPermission} there;
 * {@link #allocate} and {@link #close} hop onto it.
 */
public final class TurnAllocation implements CandidateBase {

    /**
     * The lifetime assumed should a success response lack LIFETIME, which RFC 8656 §7.2 says it
     * carries: the 10-minute default lifetime.
     */
    static final long DEFAULT_LIFETIME_SECONDS = 600;
    /** RFC 8656 §7.4: on 437, "try three different client transport addresses before giving up". */
    static final int MAX_CLIENT_ADDRESSES = 3;

    private static final StunMessageType ALLOCATE_REQUEST = StunMessageType.of(StunMethod.ALLOCATE, StunMessageClass.REQUEST);
    private static final StunMessageType REFRESH_REQUEST = StunMessageType.of(StunMethod.REFRESH, StunMessageClass.REQUEST);
    private static final StunMessageType SEND_INDICATION = StunMessageType.of(StunMethod.SEND, StunMessageClass.INDICATION);
    private static final StunMessageType DATA_INDICATION = StunMessageType.of(StunMethod.DATA, StunMessageClass.INDICATION);

    private enum State { ALLOCATING, OPEN, CLOSED }

    private final NetworkStack stack;
    private final Scheduler scheduler;
    private final PacketReceiver receiver;
    private final TurnOptions options;
    private final InetSocketAddress localBind;
    private final CompletableFuture<TurnAllocation> allocated = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final TurnPermissions permissions;
    private final TurnChannels channels;

    private State state = State.ALLOCATING;
    private TurnServerAddress server;
    private TurnConnection connection;
    private StunTransactions transactions;
    private StunClient client;
    /** Which connection is current: frames from an abandoned one (after 300 or 437) are ignored. */
    private int generation;
    private boolean redirected;
    private int clientAddressesTried;

    private InetSocketAddress relayedAddress;
    private InetSocketAddress mappedAddress;
    private long lifetimeSeconds;
    private Scheduler.Cancellable refreshTimer;
    private Throwable lostCause;

    private long sentSendIndications;
    private long sentChannelData;
    private long receivedDataIndications;
    private long receivedChannelData;
    private long droppedClosed;
    private long droppedMalformed;
    private long droppedUnknownChannel;
    private long droppedNoPermission;
    private long droppedUnexpected;
    private long droppedInputOfOldConnections;
    private long allocationRefreshes;

    private TurnAllocation(NetworkStack stack, TurnServerAddress server, InetSocketAddress localBind,
            PacketReceiver receiver, TurnOptions options) {
        this.stack = stack;
        this.scheduler = stack.scheduler();
        this.server = server;
        this.localBind = localBind;
        this.receiver = receiver;
        this.options = options;
        TurnRequester requester = new TurnRequester() {
            @Override
            public CompletableFuture<StunMessage> request(StunMessageType type, List<? extends StunAttribute> attributes) {
                return client.request(type, attributes);
            }

            @Override
            public boolean isOpen() {
                return state == State.OPEN;
            }
        };
        this.permissions = new TurnPermissions(scheduler, requester, options.maxQueuedPerPermission(), this::relay);
        this.channels = new TurnChannels(scheduler, requester, permissions::refreshedByChannelBind);
    }

    /**
     * Allocates a relayed UDP address on {@code server} (RFC 8656 §7).
     *
     * @param localBind for TURN over UDP, the host address of the allocation's own socket, port 0
     *     as RFC 8656 §7.1 recommends ("pick a currently unused transport address, typically by
     *     allowing the underlying OS to pick a currently unused port"); ignored over TCP and TLS,
     *     whose local address the connection picks
     * @param receiver gets the datagrams peers send through the relay
     * @return completes on the loop with the allocation, or exceptionally with a
     *     {@link TurnAllocationException} (refused, malformed answer, unreachable), a
     *     {@link TimeoutException} when the server did not answer, or the connection's failure
     */
    public static CompletableFuture<TurnAllocation> allocate(NetworkStack stack, TurnServerAddress server,
            InetSocketAddress localBind, PacketReceiver receiver, TurnOptions options) {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(options, "options");
        if (server.transport() == TurnTransport.UDP) {
            Objects.requireNonNull(localBind, "localBind (TURN over UDP binds its own socket)");
        }
        TurnAllocation allocation = new TurnAllocation(stack, server, localBind, receiver, options);
        onLoop(stack.scheduler(), allocation::connect);
        return allocation.allocated;
    }

    // ---------------------------------------------------------------------------------------
    // Allocate

    private void connect() {
        int current = ++generation;
        clientAddressesTried++;
        TurnConnection.Listener listener = new TurnConnection.Listener() {
            @Override
            public void onFrame(ByteBuf frame) {
                if (current != generation) {
                    frame.release();
                    droppedUnexpected++;
                    return;
                }
                onServerFrame(frame);
            }

            @Override
            public void onClosed(Throwable cause) {
                if (current == generation) {
                    onConnectionLost(cause);
                }
            }
        };
        TurnConnection.open(stack, server, localBind, listener).whenComplete((opened, failure) -> {
            if (failure != null) {
                fail(new TurnAllocationException("could not reach the TURN server " + server + ": "
                        + unwrap(failure).getMessage(), 0, unwrap(failure)));
                return;
            }
            if (state == State.CLOSED) {
                opened.close();
                return;
            }
            connection = opened;
            transactions = new StunTransactions(scheduler);
            client = new StunClient(transactions, this::sendStun,
                    opened.reliable() ? options.reliableTiming() : options.udpTiming(),
                    new StunCredentials.LongTerm(server.username(), server.credential()), false);
            requestAllocation();
        });
    }

    private void requestAllocation() {
        List<StunAttribute> attributes = new ArrayList<>();
        // RFC 8656 §7.1: "The client MUST include a REQUESTED-TRANSPORT attribute", the protocol
        // between the server and the peers: UDP, the only one RFC 8656 relays.
        attributes.add(new RequestedTransportAttribute(RequestedTransportAttribute.UDP));
        if (options.requestedLifetime() != null) {
            attributes.add(new LifetimeAttribute(options.requestedLifetime().toSeconds()));
        }
        StunClient current = client;
        current.request(ALLOCATE_REQUEST, attributes).whenComplete((response, failure) -> {
            if (current != client || state != State.ALLOCATING) {
                return;
            }
            if (failure != null) {
                fail(unwrap(failure));
            } else {
                onAllocateResponse(response);
            }
        });
    }

    private void onAllocateResponse(StunMessage response) {
        if (response.type().messageClass() == StunMessageClass.SUCCESS_RESPONSE) {
            var relayed = response.attribute(XorRelayedAddressAttribute.class);
            if (relayed.isEmpty()) {
                fail(new TurnAllocationException("the Allocate success response from " + server
                        + " has no XOR-RELAYED-ADDRESS", 0, null));
                return;
            }
            relayedAddress = relayed.get().address();
            // RFC 8656 §7.2: the success response contains "An XOR-MAPPED-ADDRESS attribute
            // containing the client's IP address and port (from the 5-tuple)."
            mappedAddress = response.attribute(XorMappedAddressAttribute.class)
                    .map(XorMappedAddressAttribute::address).orElse(null);
            lifetimeSeconds = response.attribute(LifetimeAttribute.class).map(LifetimeAttribute::seconds)
                    .orElse(DEFAULT_LIFETIME_SECONDS);
            state = State.OPEN;
            scheduleRefresh();
            allocated.complete(this);
            return;
        }
        int code = errorCode(response);
        // RFC 8656 §7.4, 300 (Try Alternate): "The client considers the current transaction as
        // having failed, but it SHOULD try the Allocate request with the alternate server before
        // trying any other servers ... the client follows the ALTERNATE-SERVER procedures
        // specified in [RFC8489]" (§10 there: same transport, same credentials, and a redirect
        // to a server already tried is ignored). We follow one redirect, which also ends loops.
        var alternate = response.attribute(AlternateServerAttribute.class);
        if (code == ErrorCodeAttribute.TRY_ALTERNATE && alternate.isPresent() && !redirected) {
            redirected = true;
            clientAddressesTried = 0;
            abandonConnection();
            server = server.withAddress(alternate.get().address());
            connect();
            return;
        }
        // RFC 8656 §7.4, 437 (Allocation Mismatch): "The client SHOULD pick another client
        // transport address and retry the Allocate request (using a different transaction id).
        // The client SHOULD try three different client transport addresses before giving up on
        // this server." A new socket or connection is a new client transport address.
        if (code == ErrorCodeAttribute.ALLOCATION_MISMATCH && clientAddressesTried < MAX_CLIENT_ADDRESSES) {
            abandonConnection();
            connect();
            return;
        }
        fail(new TurnAllocationException("the TURN server " + server + " refused the allocation: "
                + describe(response), code, null));
    }

    private void abandonConnection() {
        generation++;
        if (transactions != null) {
            transactions.cancelAll();
        }
        if (connection != null) {
            droppedInputOfOldConnections += connection.droppedInput();
            connection.close();
        }
        connection = null;
        client = null;
        transactions = null;
    }

    private void fail(Throwable cause) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        abandonConnection();
        allocated.completeExceptionally(cause);
        closed.complete(null);
    }

    // ---------------------------------------------------------------------------------------
    // Refresh (RFC 8656 §8)

    private void scheduleRefresh() {
        // RFC 8656 §8: "If a client wishes to continue using an allocation, then the client MUST
        // refresh it before it expires. It is suggested that the client refresh the allocation
        // roughly 1 minute before it expires." Lifetimes of two minutes or less: half-way.
        long delaySeconds = lifetimeSeconds > 120 ? lifetimeSeconds - 60 : Math.max(1, lifetimeSeconds / 2);
        refreshTimer = scheduler.schedule(this::refresh, delaySeconds, TimeUnit.SECONDS);
    }

    private void refresh() {
        refreshTimer = null;
        if (state != State.OPEN) {
            return;
        }
        List<StunAttribute> attributes = options.requestedLifetime() == null ? List.of()
                : List.of(new LifetimeAttribute(options.requestedLifetime().toSeconds()));
        // RFC 8656 §8.3: "If the client receives a 438 (Stale Nonce) error to its request to
        // refresh the allocation, it should reattempt the request with the new nonce value":
        // StunClient does (RFC 8489 §9.2.5). A 437 means the allocation "no longer exists".
        client.request(REFRESH_REQUEST, attributes).whenComplete((response, failure) -> {
            if (state != State.OPEN) {
                return;
            }
            if (failure != null) {
                lose(new TurnAllocationException("refreshing the allocation on " + server + " failed", 0, unwrap(failure)));
            } else if (response.type().messageClass() != StunMessageClass.SUCCESS_RESPONSE) {
                lose(new TurnAllocationException("the TURN server " + server + " refused to refresh the allocation: "
                        + describe(response), errorCode(response), null));
            } else {
                allocationRefreshes++;
                lifetimeSeconds = response.attribute(LifetimeAttribute.class).map(LifetimeAttribute::seconds)
                        .orElse(lifetimeSeconds);
                scheduleRefresh();
            }
        });
    }

    private void onConnectionLost(Throwable cause) {
        TurnAllocationException lost = new TurnAllocationException("the connection to the TURN server " + server
                + " ended" + (cause == null ? "" : ": " + cause.getMessage()), 0, cause);
        if (state == State.ALLOCATING) {
            fail(lost);
        } else {
            // Over TCP or TLS the allocation lives on the connection's 5-tuple: with the
            // connection gone, nothing can reach or refresh it any more.
            lose(lost);
        }
    }

    /** The allocation is gone without the user closing it: release everything, report why. */
    private void lose(Throwable cause) {
        if (state != State.OPEN) {
            return;
        }
        lostCause = cause;
        release();
        abandonConnection();
        closed.completeExceptionally(cause);
    }

    // ---------------------------------------------------------------------------------------
    // Sending

    @Override
    public void send(ByteBuf data, InetSocketAddress to) {
        Objects.requireNonNull(data, "data");
        if (to == null || to.isUnresolved()) {
            data.release();
            throw new IllegalArgumentException("the peer address must be resolved: " + to);
        }
        if (data.readableBytes() > ChannelData.MAX_DATA_LENGTH) {
            int length = data.readableBytes();
            data.release();
            throw new IllegalArgumentException("a datagram of " + length + " bytes does not fit in a TURN message");
        }
        if (state != State.OPEN) {
            droppedClosed++;
            data.release();
            return;
        }
        permissions.send(data, to);
    }

    /**
     * Installs a permission for {@code peer} on the server (RFC 8656 §9) before anything is sent
     * to it, so that the peer's packets (an ICE check from its side) are relayed to us. Call on
     * the loop. The future completes when the server has installed it.
     */
    public CompletableFuture<Void> createPermission(InetAddress peer) {
        Objects.requireNonNull(peer, "peer");
        if (state != State.OPEN) {
            return CompletableFuture.failedFuture(new IllegalStateException("the allocation is " + state));
        }
        return permissions.create(peer);
    }

    /** Sends to a peer whose permission is installed: ChannelData on a bound channel, else a Send indication. */
    private void relay(ByteBuf data, InetSocketAddress peer) {
        int channel = options.channels() ? channels.channelForSending(peer) : -1;
        if (channel >= 0) {
            // RFC 8656 §12.5: "Over TCP and TLS-over-TCP, the ChannelData message MUST be padded to
            // a multiple of four bytes"; over UDP we do not pad.
            boolean padded = connection.reliable();
            int size = padded ? ChannelData.paddedLength(data.readableBytes()) : ChannelData.HEADER_LENGTH + data.readableBytes();
            ByteBuf frame = stack.alloc().buffer(size, size);
            try {
                ChannelData.encode(channel, data, padded, frame);
            } finally {
                data.release();
            }
            sentChannelData++;
            connection.send(frame);
            return;
        }
        // RFC 8656 §11.1: a Send indication carries the peer in XOR-PEER-ADDRESS and the
        // datagram in DATA; §12.5 lets a client "freely intermix" it with ChannelData. Indications
        // carry no credentials.
        byte[] payload = new byte[data.readableBytes()];
        data.readBytes(payload);
        data.release();
        StunMessage indication = StunMessage.newBuilder(SEND_INDICATION)
                .attribute(new XorPeerAddressAttribute(peer))
                .attribute(new DataAttribute(payload))
                .build();
        sentSendIndications++;
        connection.send(Unpooled.wrappedBuffer(indication.encode()));
        if (options.channels()) {
            channels.bindIfAbsent(peer);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Receiving

    private void onServerFrame(ByteBuf frame) {
        try {
            if (state == State.CLOSED && client == null) {
                droppedUnexpected++;
                return;
            }
            if (ChannelData.isChannelData(frame)) {
                onChannelData(frame);
            } else if (frame.isReadable() && (frame.getUnsignedByte(frame.readerIndex()) & 0xC0) == 0) {
                onStun(frame);
            } else {
                droppedMalformed++;
            }
        } finally {
            frame.release();
        }
    }

    private void onChannelData(ByteBuf frame) {
        ChannelData message;
        try {
            message = ChannelData.decode(frame);
        } catch (StunParseException e) {
            droppedMalformed++;
            return;
        }
        InetSocketAddress peer = state == State.OPEN ? channels.receivedOn(message.channelNumber()) : null;
        if (peer == null || !permissions.receivedFrom(peer.getAddress())) {
            message.release();
            droppedUnknownChannel++;
            return;
        }
        receivedChannelData++;
        receiver.receive(this, peer, message.content());
    }

    private void onStun(ByteBuf frame) {
        StunMessage message;
        try {
            message = StunMessage.decode(frame.nioBuffer());
        } catch (StunParseException e) {
            droppedMalformed++;
            return;
        }
        StunMessageClass messageClass = message.type().messageClass();
        if (messageClass.isResponse()) {
            if (client == null || !client.handleResponse(message)) {
                droppedUnexpected++;
            }
            return;
        }
        if (message.type().equals(DATA_INDICATION) && state == State.OPEN) {
            onDataIndication(message);
            return;
        }
        droppedUnexpected++;
    }

    private void onDataIndication(StunMessage indication) {
        var peer = indication.attribute(XorPeerAddressAttribute.class);
        var data = indication.attribute(DataAttribute.class);
        // RFC 8656 §11.4: "When the client receives a Data indication, it checks that the Data
        // indication contains an XOR-PEER-ADDRESS attribute, and discards the indication if it
        // does not." We also discard one from a peer we hold no permission for (the server
        // should not have relayed it: RFC 8656 §9) and one without DATA (nothing to deliver).
        if (peer.isEmpty() || data.isEmpty()) {
            droppedNoPermission++;
            return;
        }
        if (!permissions.receivedFrom(peer.get().address().getAddress())) {
            droppedNoPermission++;
            return;
        }
        receivedDataIndications++;
        byte[] payload = data.get().data();
        ByteBuf buffer = stack.alloc().buffer(payload.length, payload.length).writeBytes(payload);
        receiver.receive(this, peer.get().address(), buffer);
    }

    private void sendStun(StunMessage message) {
        if (connection == null) {
            return;
        }
        connection.send(Unpooled.wrappedBuffer(message.encode()));
    }

    // ---------------------------------------------------------------------------------------
    // Close

    /**
     * Deletes the allocation (RFC 8656 §8: "If the client wishes to immediately delete an
     * existing allocation, it includes a LIFETIME attribute with a value of 0"), best effort, and
     * releases the socket or connection once that transaction ends. Queued datagrams are dropped.
     * Idempotent; may be called from any thread.
     */
    public void close() {
        onLoop(scheduler, this::closeOnLoop);
    }

    private void closeOnLoop() {
        if (state == State.ALLOCATING) {
            fail(new java.util.concurrent.CancellationException("the allocation was closed while allocating"));
            return;
        }
        if (state != State.OPEN) {
            return;
        }
        release();
        StunClient current = client;
        current.request(REFRESH_REQUEST, List.of(new LifetimeAttribute(0))).whenComplete((response, failure) -> {
            if (current == client) {
                abandonConnection();
            }
            closed.complete(null);
        });
    }

    /** Stops timers and drops queued datagrams; the connection stays for a last transaction. */
    private void release() {
        state = State.CLOSED;
        if (refreshTimer != null) {
            refreshTimer.cancel();
            refreshTimer = null;
        }
        droppedClosed += permissions.close();
        channels.close();
    }

    // ---------------------------------------------------------------------------------------
    // State

    /** The relayed transport address (XOR-RELAYED-ADDRESS): the relayed candidate's address. */
    @Override
    public InetSocketAddress address() {
        return relayedAddress;
    }

    /** Always true: this base sends through the relay. */
    @Override
    public boolean relayed() {
        return true;
    }

    /** Whether the allocation is alive: allocated, not closed, not lost. */
    @Override
    public boolean isOpen() {
        return state == State.OPEN;
    }

    /** The relayed transport address; same as {@link #address()}. */
    public InetSocketAddress relayedAddress() {
        return relayedAddress;
    }

    /**
     * The client's address as the server saw it (XOR-MAPPED-ADDRESS), which a gatherer offers as
     * a server-reflexive candidate; {@code null} if the server did not send it.
     */
    public InetSocketAddress mappedAddress() {
        return mappedAddress;
    }

    /** The client's side of the 5-tuple: the socket's address over UDP, the connection's over TCP/TLS. */
    public InetSocketAddress localAddress() {
        return connection == null ? null : connection.localAddress();
    }

    /** The server this allocation lives on (after a redirect, the alternate one). */
    public TurnServerAddress server() {
        return server;
    }

    /** The lifetime the server granted in the last Allocate or Refresh response. */
    public Duration lifetime() {
        return Duration.ofSeconds(lifetimeSeconds);
    }

    /**
     * Completes when the allocation has been closed and its socket or connection released;
     * exceptionally, with the reason, when it was lost (a refresh failed, the connection broke).
     */
    public CompletableFuture<Void> closeFuture() {
        return closed.copy();
    }

    /** Why the allocation was lost, or {@code null}. */
    public Throwable lostCause() {
        return lostCause;
    }

    /** Whether a permission for {@code peer} is installed on the server and not expired, by our clock. */
    public boolean hasPermission(InetAddress peer) {
        return permissions.installed(peer);
    }

    /** The channel number bound to {@code peer} and not expired, by our clock, or -1. */
    public int boundChannel(InetSocketAddress peer) {
        return channels.bound(peer);
    }

    /** A snapshot of what was sent, received and dropped. */
    public TurnCounters counters() {
        long foreign = droppedInputOfOldConnections + (connection == null ? 0 : connection.droppedInput());
        return new TurnCounters(sentSendIndications, sentChannelData, receivedDataIndications, receivedChannelData,
                permissions.droppedQueueFull(), permissions.droppedFailed(), droppedClosed, droppedMalformed, droppedUnknownChannel,
                droppedNoPermission, droppedUnexpected + foreign, allocationRefreshes, permissions.requests(),
                channels.bindRequests());
    }

    /** The client's STUN transactions, for their counters (timeouts, duplicates), or null when closed. */
    StunTransactions transactions() {
        return transactions;
    }

    @Override
    public String toString() {
        return "TurnAllocation[" + server.url() + ", relayed " + relayedAddress + ", " + state + "]";
    }

    // ---------------------------------------------------------------------------------------

    private static void onLoop(Scheduler scheduler, Runnable task) {
        if (scheduler.inLoop()) {
            task.run();
        } else {
            scheduler.execute(task);
        }
    }

    private static int errorCode(StunMessage response) {
        return response.attribute(ErrorCodeAttribute.class).map(ErrorCodeAttribute::code).orElse(0);
    }

    static String describe(StunMessage response) {
        return response.attribute(ErrorCodeAttribute.class)
                .map(error -> error.code() + " " + error.reasonPhrase())
                .orElse(response.type().toString());
    }

    static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
