package org.ortc4j.sdp;

import java.util.Objects;

/**
 * {@code a=sendrecv}, {@code a=sendonly}, {@code a=recvonly} or {@code a=inactive}
 * (RFC 8866 §6.7), a property attribute whose name is the direction.
 *
 * @param direction the direction this line states
 */
public record DirectionAttribute(MediaDirection direction) implements SdpAttribute {

    public DirectionAttribute {
        Objects.requireNonNull(direction, "direction");
    }

    @Override
    public String name() {
        return direction.value();
    }

    @Override
    public String value() {
        return null;
    }
}
