package org.ortc4j.ice.vnet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.ortc4j.ice.net.NetworkStack;
import org.ortc4j.ice.net.UdpSocket;
import org.ortc4j.ice.stun.ErrorCodeAttribute;
import org.ortc4j.ice.stun.StunAttributeType;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.StunMessageClass;
import org.ortc4j.ice.stun.StunMethod;
import org.ortc4j.ice.stun.StunParseException;
import org.ortc4j.ice.stun.UnknownAttributesAttribute;

/**
 * A STUN server over UDP (RFC 8489 §6.3): answers Binding requests with the client's reflexive
 * address, so that a client learns what a NAT made of its address. Written against
 * {@link NetworkStack} alone, it runs on the virtual network in tests and on real sockets alike.
 *
 * <p>What it answers: a Binding request with a success response carrying XOR-MAPPED-ADDRESS and
 * FINGERPRINT; a Binding request with unknown comprehension-required attributes with 420; a
 * request of another known method, or one that does not decode but has a sane header and a known
 * method, with 400. Everything else (indications, responses, junk, a wrong FINGERPRINT) is
 * dropped and counted. No authentication: RFC 8489 §9 leaves credentials to the usage, and a
 * public STUN server for ICE uses none.
 *
 * <p>Confined to the stack's loop; {@link #close()} and the counters may be called there.
 */
public final class StunServer implements AutoCloseable {

    private final NetworkStack stack;
    private UdpSocket socket;
    private long bindingRequests;
    private long errorResponses;
    private long indications;
    private long dropped;

    private StunServer(NetworkStack stack) {
        this.stack = stack;
    }

    /**
     * Binds a UDP socket at {@code bind} and serves STUN on it. Call on the stack's loop; the
     * future completes there, or fails as {@link NetworkStack#bindUdp} does.
     */
    public static CompletableFuture<StunServer> start(NetworkStack stack, InetSocketAddress bind) {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(bind, "bind");
        StunServer server = new StunServer(stack);
        return stack.bindUdp(bind, server::onDatagram).thenApply(socket -> {
            server.socket = socket;
            return server;
        });
    }

    /** The address the server listens on. */
    public InetSocketAddress localAddress() {
        return socket.localAddress();
    }

    private void onDatagram(UdpSocket from, InetSocketAddress sender, ByteBuf data) {
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(data);
        } finally {
            data.release();
        }
        StunMessage request;
        try {
            request = StunMessage.decode(bytes);
        } catch (StunParseException e) {
            StunMessage badRequest = StunServerResponses.badRequestForMalformed(bytes);
            if (badRequest == null) {
                dropped++;
            } else {
                errorResponses++;
                send(from, badRequest, sender);
            }
            return;
        }
        if (StunServerResponses.hasBadFingerprint(request)) {
            dropped++;
            return;
        }
        StunMessageClass messageClass = request.type().messageClass();
        if (messageClass == StunMessageClass.INDICATION) {
            // RFC 8489 §6.3.2: an indication gets no response; a Binding indication is a keepalive.
            indications++;
            return;
        }
        if (messageClass != StunMessageClass.REQUEST) {
            // A response was not asked for by this server.
            dropped++;
            return;
        }
        if (!request.type().method().equals(StunMethod.BINDING)) {
            errorResponses++;
            send(from, StunServerResponses.error(request, ErrorCodeAttribute.BAD_REQUEST,
                    "Method " + request.type().method() + " is not served here", List.of(), null), sender);
            return;
        }
        // RFC 8489 §6.3.1: "If the request contains one or more unknown comprehension-required
        // attributes, the server replies with an error response with an error code of 420
        // (Unknown Attribute) and includes an UNKNOWN-ATTRIBUTES attribute in the response".
        List<StunAttributeType> unknown = request.unknownComprehensionRequiredTypes();
        if (!unknown.isEmpty()) {
            errorResponses++;
            send(from, StunServerResponses.error(request, ErrorCodeAttribute.UNKNOWN_ATTRIBUTE, "Unknown Attribute",
                    List.of(new UnknownAttributesAttribute(unknown)), null), sender);
            return;
        }
        bindingRequests++;
        send(from, StunServerResponses.bindingSuccess(request, sender), sender);
    }

    private void send(UdpSocket socket, StunMessage message, InetSocketAddress to) {
        byte[] encoded = message.encode();
        socket.send(stack.alloc().buffer(encoded.length).writeBytes(encoded), to);
    }

    /** Binding requests answered with a success response. */
    public long bindingRequests() {
        return bindingRequests;
    }

    /** Requests answered with an error response (400, 420). */
    public long errorResponses() {
        return errorResponses;
    }

    /** Indications received (and, as RFC 8489 says, not answered). */
    public long indications() {
        return indications;
    }

    /** Datagrams dropped: not STUN, responses, or a FINGERPRINT that does not match. */
    public long droppedPackets() {
        return dropped;
    }

    /** Closes the socket. Idempotent. */
    @Override
    public void close() {
        if (socket != null) {
            socket.close();
        }
    }
}
