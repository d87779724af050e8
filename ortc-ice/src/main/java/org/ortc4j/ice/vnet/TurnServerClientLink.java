package org.ortc4j.ice.vnet;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.ortc4j.ice.net.StreamSocket;
import org.ortc4j.ice.net.UdpSocket;

/**
 * The way back to one TURN client, and the key of its allocation: the 5-tuple of RFC 8656 §2
 * ("the combination (client IP address and port, server IP address and port, and transport
 * protocol [...]) used to communicate between the client and the server"). Over UDP that is the server's socket and the client's address; over TCP it is the
 * connection.
 */
final class TurnServerClientLink {

    private final UdpSocket udp;
    private final StreamSocket stream;
    private final InetSocketAddress remote;

    private TurnServerClientLink(UdpSocket udp, StreamSocket stream, InetSocketAddress remote) {
        this.udp = udp;
        this.stream = stream;
        this.remote = remote;
    }

    static TurnServerClientLink udp(UdpSocket socket, InetSocketAddress client) {
        return new TurnServerClientLink(Objects.requireNonNull(socket), null, Objects.requireNonNull(client));
    }

    static TurnServerClientLink stream(StreamSocket connection) {
        return new TurnServerClientLink(null, connection, connection.remoteAddress());
    }

    /** The client's address as the server sees it: what XOR-MAPPED-ADDRESS reports. */
    InetSocketAddress remote() {
        return remote;
    }

    /** Whether this is a TCP or TLS connection, where ChannelData must be padded (RFC 8656 §12.5). */
    boolean isStream() {
        return stream != null;
    }

    /** Sends to the client; takes ownership of {@code data}. */
    void send(ByteBuf data) {
        if (udp != null) {
            udp.send(data, remote);
        } else if (stream.isOpen()) {
            stream.send(data);
        } else {
            data.release();
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TurnServerClientLink)) {
            return false;
        }
        TurnServerClientLink other = (TurnServerClientLink) o;
        return udp == other.udp && stream == other.stream && remote.equals(other.remote);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(udp != null ? udp : stream) * 31 + remote.hashCode();
    }

    @Override
    public String toString() {
        return (udp != null ? "udp " : "tcp ") + remote;
    }
}
