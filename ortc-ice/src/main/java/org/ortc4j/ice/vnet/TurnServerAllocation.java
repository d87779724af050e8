package org.ortc4j.ice.vnet;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.ice.net.UdpSocket;
import org.ortc4j.ice.stun.MessageIntegrityKey;
import org.ortc4j.ice.stun.StunMessage;

/**
 * One TURN allocation (RFC 8656 §6): the relayed socket, the 5-tuple and credentials that own it,
 * its time to expiry, its permissions (§9) and its channel bindings (§12). Permissions and
 * channels expire on the scheduler's clock, checked when used; the allocation's own expiry is a
 * timer, because it frees the relayed socket.
 */
final class TurnServerAllocation {

    /** RFC 8656 §9: "The Permission Lifetime MUST be 300 seconds (= 5 minutes)." */
    static final long PERMISSION_LIFETIME_SECONDS = 300;

    /** RFC 8656 §12: "A channel binding lasts for 10 minutes unless refreshed." */
    static final long CHANNEL_LIFETIME_SECONDS = 600;

    /** A channel bound to a peer, until {@code expiresAt} on the scheduler's clock. */
    record Channel(int number, InetSocketAddress peer, long expiresAt) {
    }

    final TurnServerClientLink link;
    final String username;
    final MessageIntegrityKey key;
    /** The Allocate request that made this allocation, to answer its retransmissions again. */
    final byte[] allocateTransactionId;
    private final Scheduler scheduler;
    private final Runnable onExpiry;
    private UdpSocket relay;
    private StunMessage allocateResponse;
    private long expiresAt;
    private Scheduler.Cancellable expiryTimer;
    private boolean closed;
    private final Map<InetAddress, Long> permissions = new HashMap<>();
    private final Map<Integer, Channel> channelsByNumber = new HashMap<>();
    private final Map<InetSocketAddress, Channel> channelsByPeer = new HashMap<>();

    TurnServerAllocation(TurnServerClientLink link, String username, MessageIntegrityKey key, byte[] allocateTransactionId,
            Scheduler scheduler, Runnable onExpiry) {
        this.link = link;
        this.username = username;
        this.key = key;
        this.allocateTransactionId = allocateTransactionId;
        this.scheduler = scheduler;
        this.onExpiry = onExpiry;
    }

    /** Whether the relayed socket is still being bound. */
    boolean isPending() {
        return relay == null && !closed;
    }

    /** The relayed socket is bound: the allocation exists from now, for {@code lifetimeSeconds}. */
    void activate(UdpSocket relaySocket, StunMessage response, long lifetimeSeconds) {
        this.relay = relaySocket;
        this.allocateResponse = response;
        refresh(lifetimeSeconds);
    }

    UdpSocket relay() {
        return relay;
    }

    InetSocketAddress relayedAddress() {
        return relay.localAddress();
    }

    StunMessage allocateResponse() {
        return allocateResponse;
    }

    /** Sets the time to expiry (RFC 8656 §8.2: "the allocation's time-to-expiry is set to the 'desired lifetime'"). */
    void refresh(long lifetimeSeconds) {
        if (expiryTimer != null) {
            expiryTimer.cancel();
        }
        expiresAt = scheduler.nanoTime() + TimeUnit.SECONDS.toNanos(lifetimeSeconds);
        expiryTimer = scheduler.schedule(this::expire, lifetimeSeconds, TimeUnit.SECONDS);
    }

    /** Seconds until expiry, rounded down (RFC 8656 §8.2: the LIFETIME of the success response). */
    long secondsToExpiry() {
        return Math.max(0, TimeUnit.NANOSECONDS.toSeconds(expiresAt - scheduler.nanoTime()));
    }

    private void expire() {
        expiryTimer = null;
        if (!closed) {
            close();
            onExpiry.run();
        }
    }

    // -------------------------------------------------------------------------------------
    // Permissions, RFC 8656 §9

    /**
     * Installs or refreshes the permission for {@code peer}'s IP address.
     *
     * <p>RFC 8656 §9: a permission lives 300 seconds from its last install or refresh, and "only
     * addresses are compared and port numbers are not considered".
     */
    void installPermission(InetAddress peer) {
        long now = scheduler.nanoTime();
        permissions.values().removeIf(expiry -> expiry <= now);
        permissions.put(peer, now + TimeUnit.SECONDS.toNanos(PERMISSION_LIFETIME_SECONDS));
    }

    /**
     * Whether a permission for {@code peer} is installed and not expired.
     *
     * <p>RFC 8656 §9: "If no match is found, relaying is not permitted, and the server silently
     * discards the UDP datagram. If an exact match is found, the permission check is considered
     * to have succeeded".
     */
    boolean hasPermission(InetAddress peer) {
        Long expiry = permissions.get(peer);
        if (expiry == null) {
            return false;
        }
        if (expiry <= scheduler.nanoTime()) {
            permissions.remove(peer);
            return false;
        }
        return true;
    }

    /** The most permissions one allocation holds, so that its table stays bounded. */
    static final int MAX_PERMISSIONS = 1024;

    /** Whether installing permissions for {@code peers} keeps the table within {@link #MAX_PERMISSIONS}. */
    boolean hasRoomForPermissions(Collection<InetAddress> peers) {
        long now = scheduler.nanoTime();
        permissions.values().removeIf(expiry -> expiry <= now);
        long added = peers.stream().distinct().filter(peer -> !permissions.containsKey(peer)).count();
        return permissions.size() + added <= MAX_PERMISSIONS;
    }

    // -------------------------------------------------------------------------------------
    // Channels, RFC 8656 §12

    /**
     * Why the channel number cannot be bound to {@code peer}, or null when it can.
     *
     * <p>RFC 8656 §12.2: "The channel number is not currently bound to a different transport
     * address (same transport address is OK); The transport address is not currently bound to a
     * different channel number. If any of these tests fail, the server replies with a 400 (Bad
     * Request) error."
     */
    String whyNotBindable(int number, InetSocketAddress peer) {
        Channel byNumber = liveChannel(number);
        if (byNumber != null && !byNumber.peer().equals(peer)) {
            return String.format("channel 0x%04X is bound to another peer", number);
        }
        Channel byPeer = liveChannel(peer);
        if (byPeer != null && byPeer.number() != number) {
            return String.format("the peer is bound to channel 0x%04X", byPeer.number());
        }
        return null;
    }

    /** Creates or refreshes the binding, and installs or refreshes the peer's permission (§12.2). */
    void bindChannel(int number, InetSocketAddress peer) {
        Channel channel = new Channel(number, peer, scheduler.nanoTime() + TimeUnit.SECONDS.toNanos(CHANNEL_LIFETIME_SECONDS));
        purgeExpiredChannels();
        channelsByNumber.put(number, channel);
        channelsByPeer.put(peer, channel);
        installPermission(peer.getAddress());
    }

    /** The live channel with this number, or null. */
    Channel liveChannel(int number) {
        Channel channel = channelsByNumber.get(number);
        return isLive(channel) ? channel : null;
    }

    /** The live channel bound to this peer, or null. */
    Channel liveChannel(InetSocketAddress peer) {
        Channel channel = channelsByPeer.get(peer);
        return isLive(channel) ? channel : null;
    }

    private boolean isLive(Channel channel) {
        return channel != null && channel.expiresAt() > scheduler.nanoTime();
    }

    private void purgeExpiredChannels() {
        long now = scheduler.nanoTime();
        for (Iterator<Channel> it = channelsByNumber.values().iterator(); it.hasNext();) {
            Channel channel = it.next();
            if (channel.expiresAt() <= now) {
                it.remove();
                channelsByPeer.remove(channel.peer(), channel);
            }
        }
    }

    // -------------------------------------------------------------------------------------

    /** Sends a datagram out of the relayed socket; takes ownership of {@code data}. */
    void sendToPeer(ByteBuf data, InetSocketAddress peer) {
        if (relay == null || closed) {
            data.release();
            return;
        }
        relay.send(data, peer);
    }

    boolean isClosed() {
        return closed;
    }

    /** Frees the relayed socket and stops the timer. Idempotent. */
    void close() {
        closed = true;
        if (expiryTimer != null) {
            expiryTimer.cancel();
            expiryTimer = null;
        }
        if (relay != null) {
            relay.close();
        }
        permissions.clear();
        channelsByNumber.clear();
        channelsByPeer.clear();
    }
}
