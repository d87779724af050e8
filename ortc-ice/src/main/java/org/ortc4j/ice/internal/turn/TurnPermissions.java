package org.ortc4j.ice.internal.turn;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.ice.stun.ErrorCodeAttribute;
import org.ortc4j.ice.stun.StunMessageClass;
import org.ortc4j.ice.stun.StunMessageType;
import org.ortc4j.ice.stun.StunMethod;
import org.ortc4j.ice.stun.XorPeerAddressAttribute;

/**
 * The permissions of one allocation (RFC 8656 §9, §10): created on first use with
 * CreatePermission while a bounded number of datagrams wait, refreshed a minute before they run
 * out while they are used, left to lapse when not.
 *
 * <p>Confined to the allocation's loop.
 */
final class TurnPermissions {

    /** RFC 8656 §9: "The Permission Lifetime MUST be 300 seconds (= 5 minutes)." */
    static final Duration PERMISSION_LIFETIME = Duration.ofMinutes(5);
    /** Refresh a used permission one minute before it would run out. */
    static final Duration PERMISSION_REFRESH = Duration.ofMinutes(4);

    private static final StunMessageType CREATE_PERMISSION_REQUEST =
            StunMessageType.of(StunMethod.CREATE_PERMISSION, StunMessageClass.REQUEST);

    private final Scheduler scheduler;
    private final TurnRequester requester;
    private final int maxQueued;
    private final BiConsumer<ByteBuf, InetSocketAddress> relay;
    private final Map<InetAddress, TurnPermission> permissions = new HashMap<>();

    private long droppedQueueFull;
    private long droppedFailed;
    private long requests;

    /**
     * @param relay sends a datagram to a peer whose permission is installed; takes ownership
     */
    TurnPermissions(Scheduler scheduler, TurnRequester requester, int maxQueued,
            BiConsumer<ByteBuf, InetSocketAddress> relay) {
        this.scheduler = scheduler;
        this.requester = requester;
        this.maxQueued = maxQueued;
        this.relay = relay;
    }

    /**
     * Relays {@code data} to {@code peer} at once when its permission is installed, else keeps it
     * until CreatePermission succeeds (or drops and counts it when the queue is full). Takes
     * ownership of {@code data}.
     */
    void send(ByteBuf data, InetSocketAddress peer) {
        TurnPermission permission = permissionFor(peer.getAddress());
        permission.used = true;
        if (permission.state == TurnPermission.State.INSTALLED && scheduler.nanoTime() < permission.expiresAtNanos) {
            if (permission.idle) {
                refresh(permission);
            }
            relay.accept(data, peer);
            return;
        }
        // RFC 8656 §11.1: "the client MUST ensure that there is a permission installed for the
        // IP address of the peer to which the Send indication is being sent": keep the datagram
        // until CreatePermission succeeds, a bounded number of them.
        if (permission.queue.size() >= maxQueued) {
            droppedQueueFull++;
            data.release();
            return;
        }
        permission.queue.add(new TurnPermission.Queued(data, peer));
    }

    /** Creates (or keeps alive) the permission for {@code peer}; the future completes once installed. */
    CompletableFuture<Void> create(InetAddress peer) {
        TurnPermission permission = permissionFor(peer);
        permission.used = true;
        if (permission.idle) {
            refresh(permission);
        }
        return permission.installed.copy();
    }

    /**
     * Notes traffic from {@code peer}, which keeps its permission in use.
     *
     * @return whether this client holds a permission (installed or being created) for it
     */
    boolean receivedFrom(InetAddress peer) {
        TurnPermission permission = permissions.get(peer);
        if (permission == null) {
            return false;
        }
        permission.used = true;
        return true;
    }

    /** Whether the permission for {@code peer} is installed and not expired, by our clock. */
    boolean installed(InetAddress peer) {
        TurnPermission permission = permissions.get(peer);
        return permission != null && permission.state == TurnPermission.State.INSTALLED
                && scheduler.nanoTime() < permission.expiresAtNanos;
    }

    /**
     * A ChannelBind succeeded: RFC 8656 §12.3, the client records "that the corresponding
     * permission has been installed or refreshed."
     */
    void refreshedByChannelBind(InetAddress peer) {
        TurnPermission permission = permissions.get(peer);
        if (permission != null && permission.state == TurnPermission.State.INSTALLED) {
            permission.expiresAtNanos = Math.max(permission.expiresAtNanos,
                    scheduler.nanoTime() + PERMISSION_LIFETIME.toNanos());
        }
    }

    /** Stops every timer, fails pending creations, drops queued datagrams; returns how many. */
    int close() {
        int dropped = 0;
        for (TurnPermission permission : permissions.values()) {
            permission.cancelTimer();
            dropped += permission.dropQueue();
            permission.installed.completeExceptionally(new IllegalStateException("the allocation closed"));
        }
        permissions.clear();
        return dropped;
    }

    long droppedQueueFull() {
        return droppedQueueFull;
    }

    long droppedFailed() {
        return droppedFailed;
    }

    long requests() {
        return requests;
    }

    // ---------------------------------------------------------------------------------------

    private TurnPermission permissionFor(InetAddress peer) {
        TurnPermission permission = permissions.get(peer);
        if (permission == null) {
            permission = new TurnPermission(peer);
            permissions.put(peer, permission);
            request(permission);
        }
        return permission;
    }

    private void refresh(TurnPermission permission) {
        if (!permission.requesting) {
            request(permission);
        }
    }

    private void request(TurnPermission permission) {
        permission.cancelTimer();
        permission.idle = false;
        permission.requesting = true;
        permission.used = false;
        requests++;
        // RFC 8656 §10.1: the request carries at least one XOR-PEER-ADDRESS with the IP address
        // to permit; §10.2: "The port portion of each attribute is ignored and may be any
        // arbitrary value."
        requester.request(CREATE_PERMISSION_REQUEST,
                List.of(new XorPeerAddressAttribute(new InetSocketAddress(permission.peer, 0))))
                .whenComplete((response, failure) -> {
                    permission.requesting = false;
                    if (!requester.isOpen() || permissions.get(permission.peer) != permission) {
                        return;
                    }
                    if (failure == null && response.type().messageClass() == StunMessageClass.SUCCESS_RESPONSE) {
                        onInstalled(permission);
                    } else {
                        int code = failure != null ? 0
                                : response.attribute(ErrorCodeAttribute.class).map(ErrorCodeAttribute::code).orElse(0);
                        onFailed(permission, failure != null ? TurnAllocation.unwrap(failure) : new TurnAllocationException(
                                "CreatePermission for " + permission.peer.getHostAddress() + " refused: "
                                        + TurnAllocation.describe(response), code, null));
                    }
                });
    }

    private void onInstalled(TurnPermission permission) {
        permission.state = TurnPermission.State.INSTALLED;
        permission.expiresAtNanos = scheduler.nanoTime() + PERMISSION_LIFETIME.toNanos();
        permission.timer = scheduler.schedule(() -> onTick(permission), PERMISSION_REFRESH.toNanos(), TimeUnit.NANOSECONDS);
        permission.installed.complete(null);
        while (!permission.queue.isEmpty() && requester.isOpen()) {
            TurnPermission.Queued queued = permission.queue.poll();
            relay.accept(queued.data(), queued.peer());
        }
    }

    private void onFailed(TurnPermission permission, Throwable cause) {
        if (permission.state == TurnPermission.State.INSTALLED && scheduler.nanoTime() < permission.expiresAtNanos) {
            // A refresh failed: the server keeps the permission until it runs out; let it lapse.
            goIdle(permission);
            return;
        }
        droppedFailed += permission.dropQueue();
        permissions.remove(permission.peer);
        permission.cancelTimer();
        permission.installed.completeExceptionally(cause);
    }

    private void onTick(TurnPermission permission) {
        permission.timer = null;
        if (!requester.isOpen() || permissions.get(permission.peer) != permission) {
            return;
        }
        // RFC 8656 §9: a CreatePermission for an IP that has a permission resets "the
        // time-to-expiry for that permission ... to Permission Lifetime". We refresh a minute
        // before expiry while the permission is used; unused ones are left to expire.
        if (permission.used) {
            request(permission);
        } else {
            goIdle(permission);
        }
    }

    private void goIdle(TurnPermission permission) {
        permission.cancelTimer();
        permission.idle = true;
        long left = Math.max(0, permission.expiresAtNanos - scheduler.nanoTime());
        permission.timer = scheduler.schedule(() -> {
            if (permissions.get(permission.peer) == permission && permission.idle) {
                permissions.remove(permission.peer);
            }
        }, left, TimeUnit.NANOSECONDS);
    }
}
