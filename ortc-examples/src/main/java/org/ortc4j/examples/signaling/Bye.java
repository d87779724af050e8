package org.ortc4j.examples.signaling;

/**
 * The message that ends a signaling session, {@code {"type": "bye"}} (aiortc's {@code BYE}).
 * {@link Signaling#close()} sends it; a peer that receives it should hang up.
 */
public enum Bye {
    /** The one bye message. */
    BYE
}
