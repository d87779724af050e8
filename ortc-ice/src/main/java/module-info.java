/**
 * STUN, TURN and ICE for ortc4j. Exports the W3C ICE configuration values and the DOMException
 * family ({@code org.ortc4j.ice}) and the STUN/TURN message codec ({@code org.ortc4j.ice.stun});
 * {@code org.ortc4j.ice.internal} stays private to the module.
 */
module org.ortc4j.ice {
    exports org.ortc4j.ice;
    exports org.ortc4j.ice.stun;
    exports org.ortc4j.ice.net;
    exports org.ortc4j.ice.vnet;

    requires transitive io.netty.buffer;
    requires transitive io.netty.common;
    requires io.netty.transport;
    requires io.netty.handler;
    requires io.netty.transport.classes.epoll;
    requires org.slf4j;
}
