/**
 * STUN, TURN and ICE for ortc4j. Exports the W3C ICE configuration values and the DOMException
 * family ({@code org.ortc4j.ice}) and the STUN/TURN message codec ({@code org.ortc4j.ice.stun});
 * {@code org.ortc4j.ice.internal} stays private to the module.
 */
module org.ortc4j.ice {
    exports org.ortc4j.ice;
    exports org.ortc4j.ice.stun;
}
