package org.ortc4j.ice.internal.turn;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.ice.stun.ChannelData;
import org.ortc4j.ice.stun.ChannelNumberAttribute;
import org.ortc4j.ice.stun.StunMessageClass;
import org.ortc4j.ice.stun.StunMessageType;
import org.ortc4j.ice.stun.StunMethod;
import org.ortc4j.ice.stun.XorPeerAddressAttribute;

/**
 * The channel bindings of one allocation (RFC 8656 §12): a number from 0x4000 per peer transport
 * address, bound with ChannelBind after the first Send indication, refreshed half-way through
 * its 10 minutes while it is used.
 *
 * <p>Confined to the allocation's loop.
 */
final class TurnChannels {

    /** RFC 8656 §12: "A channel binding lasts for 10 minutes unless refreshed." */
    static final Duration CHANNEL_LIFETIME = Duration.ofMinutes(10);
    /** Refresh a used channel half-way, so that one lost refresh still leaves time for another. */
    static final Duration CHANNEL_REFRESH = Duration.ofMinutes(5);

    private static final StunMessageType CHANNEL_BIND_REQUEST =
            StunMessageType.of(StunMethod.CHANNEL_BIND, StunMessageClass.REQUEST);

    private final Scheduler scheduler;
    private final TurnRequester requester;
    private final Consumer<InetAddress> onBound;
    private final Map<InetSocketAddress, TurnChannel> byPeer = new HashMap<>();
    private final Map<Integer, TurnChannel> byNumber = new HashMap<>();
    private int nextNumber = ChannelData.MIN_CHANNEL_NUMBER;
    private long bindRequests;

    /**
     * @param onBound told the peer's IP after each successful ChannelBind, which also installs or
     *     refreshes the permission for it (RFC 8656 §12.1)
     */
    TurnChannels(Scheduler scheduler, TurnRequester requester, Consumer<InetAddress> onBound) {
        this.scheduler = scheduler;
        this.requester = requester;
        this.onBound = onBound;
    }

    /**
     * The channel number to send ChannelData to {@code peer} on, or -1 when no channel is bound
     * (yet). Notes the use, which keeps the binding refreshed, and rebinds an idle one.
     */
    int channelForSending(InetSocketAddress peer) {
        TurnChannel channel = byPeer.get(peer);
        if (channel == null) {
            return -1;
        }
        channel.used = true;
        if (channel.idle && channel.state == TurnChannel.State.BOUND && !channel.requesting) {
            request(channel);
        }
        return channel.usable(scheduler.nanoTime()) ? channel.number : -1;
    }

    /**
     * Starts binding a channel to {@code peer} unless it has one (bound, being bound, or refused).
     *
     * <p>RFC 8656 §12.2: channel numbers are 0x4000 through 0x4FFF. §12: "the client MUST wait 5
     * minutes after the channel binding expires before attempting to bind the channel number to a
     * different transport address": a number stays with its peer for the life of the allocation.
     * When all are taken, Send indications go on.
     */
    void bindIfAbsent(InetSocketAddress peer) {
        if (byPeer.containsKey(peer) || nextNumber > ChannelData.MAX_CHANNEL_NUMBER) {
            return;
        }
        TurnChannel channel = new TurnChannel(nextNumber++, peer);
        byPeer.put(peer, channel);
        byNumber.put(channel.number, channel);
        request(channel);
    }

    /**
     * The peer ChannelData on {@code number} comes from, or null when the number is not bound
     * (or refused). A channel being bound counts: RFC 8656 §12, the client "SHOULD be prepared to
     * receive ChannelData messages on the channel from the server as soon as it has sent the
     * ChannelBind request". Notes the use.
     */
    InetSocketAddress receivedOn(int number) {
        TurnChannel channel = byNumber.get(number);
        if (channel == null || channel.state == TurnChannel.State.FAILED) {
            return null;
        }
        channel.used = true;
        return channel.peer;
    }

    /** The channel number bound to {@code peer} and not expired, by our clock, or -1. */
    int bound(InetSocketAddress peer) {
        TurnChannel channel = byPeer.get(peer);
        return channel != null && channel.usable(scheduler.nanoTime()) ? channel.number : -1;
    }

    /** Stops every refresh timer. */
    void close() {
        for (TurnChannel channel : byPeer.values()) {
            channel.cancelTimer();
        }
    }

    long bindRequests() {
        return bindRequests;
    }

    // ---------------------------------------------------------------------------------------

    private void request(TurnChannel channel) {
        channel.cancelTimer();
        channel.idle = false;
        channel.requesting = true;
        channel.used = false;
        bindRequests++;
        // RFC 8656 §12.1: "The channel to be bound is specified in a CHANNEL-NUMBER attribute,
        // and the peer's transport address is specified in an XOR-PEER-ADDRESS attribute".
        // Until the success response, Send indications go on (§12: "A client that wishes to be
        // safe should either queue the data or use Send indications until the channel binding
        // is confirmed.")
        requester.request(CHANNEL_BIND_REQUEST, List.of(new ChannelNumberAttribute(channel.number),
                new XorPeerAddressAttribute(channel.peer))).whenComplete((response, failure) -> {
                    channel.requesting = false;
                    if (!requester.isOpen()) {
                        return;
                    }
                    if (failure == null && response.type().messageClass() == StunMessageClass.SUCCESS_RESPONSE) {
                        onBound(channel);
                    } else if (channel.state == TurnChannel.State.BOUND && scheduler.nanoTime() < channel.expiresAtNanos) {
                        // A refresh failed: the binding lasts until it runs out.
                        goIdle(channel);
                    } else {
                        // Send indications go on for this peer; the number stays reserved to it.
                        // (RFC 8656 §12.3 recommends starting afresh with a new allocation after
                        // an out-of-sync 400; we leave that to the agent.)
                        channel.state = TurnChannel.State.FAILED;
                    }
                });
    }

    private void onBound(TurnChannel channel) {
        channel.state = TurnChannel.State.BOUND;
        channel.expiresAtNanos = scheduler.nanoTime() + CHANNEL_LIFETIME.toNanos();
        channel.timer = scheduler.schedule(() -> onTick(channel), CHANNEL_REFRESH.toNanos(), TimeUnit.NANOSECONDS);
        // RFC 8656 §12.3: on success the client records "that the channel binding is now active
        // ... that the corresponding permission has been installed or refreshed."
        onBound.accept(channel.peer.getAddress());
    }

    private void onTick(TurnChannel channel) {
        channel.timer = null;
        if (!requester.isOpen()) {
            return;
        }
        // RFC 8656 §12: "Refreshing the binding (by the server receiving a ChannelBind request
        // rebinding the channel to the same peer) resets the time-to-expiry timer back to 10
        // minutes." Used channels are rebound; unused ones lapse.
        if (channel.used) {
            request(channel);
        } else {
            goIdle(channel);
        }
    }

    private static void goIdle(TurnChannel channel) {
        channel.cancelTimer();
        channel.idle = true;
    }
}
