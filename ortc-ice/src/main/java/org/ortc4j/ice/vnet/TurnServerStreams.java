package org.ortc4j.ice.vnet;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import org.ortc4j.ice.net.StreamHandler;
import org.ortc4j.ice.net.StreamSocket;
import org.ortc4j.ice.stun.StunStreamFramer;

/**
 * TURN clients over TCP: a listener on a {@link VirtualHost} (NetworkStack has no
 * way to listen), and per connection a {@link StunStreamFramer} that cuts the stream into STUN
 * messages and ChannelData for the server.
 */
final class TurnServerStreams {

    private TurnServerStreams() {
    }

    /** Listens on {@code address}'s port on all of {@code host}'s addresses. */
    static VirtualTcpListener listen(VirtualHost host, InetSocketAddress address, TurnServer server) {
        return host.listenTcp(address.getPort(), socket -> new Connection(server, socket));
    }

    /** One client connection: its framer and its 5-tuple. */
    private static final class Connection implements StreamHandler {
        private final TurnServer server;
        private final TurnServerClientLink link;
        private final StunStreamFramer framer = new StunStreamFramer();

        Connection(TurnServer server, StreamSocket socket) {
            this.server = server;
            this.link = TurnServerClientLink.stream(socket);
            server.onStreamOpened(socket);
        }

        @Override
        public void onData(StreamSocket socket, ByteBuf data) {
            if (framer.isFailed()) {
                // Bytes still arriving after a framing error closed the stream.
                data.release();
                return;
            }
            try {
                framer.feed(data, frame -> server.onClientPacket(link, frame));
            } catch (RuntimeException e) {
                // RFC 8656 §12.5 frames the stream by lengths; once a frame cannot be read,
                // nothing after it can, so the connection ends.
                server.onUnframeable();
                socket.close();
            }
        }

        @Override
        public void onClosed(StreamSocket socket, Throwable cause) {
            framer.close();
            server.onClientGone(link, socket);
        }
    }
}
