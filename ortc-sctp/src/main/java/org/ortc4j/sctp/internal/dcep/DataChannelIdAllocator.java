package org.ortc4j.sctp.internal.dcep;

import java.util.BitSet;
import java.util.Objects;
import java.util.OptionalInt;
import org.ortc4j.dtls.RTCDtlsRole;

/**
 * Picks SCTP stream ids for new data channels by DTLS role, and remembers which are in use.
 *
 * <p>RFC 8832 §6: "If the side is acting as the DTLS client, it MUST choose an even stream
 * identifier; if the side is acting as the DTLS server, it MUST choose an odd one." This
 * class gives the lowest free id of our parity below the negotiated stream count (and never
 * 65535, W3C §6.2). Ids the peer opens, or the application negotiates, are {@link #reserve
 * reserved} whatever their parity. Confined to the association's loop like the rest of its state.
 */
public final class DataChannelIdAllocator {

    /** The largest usable id (65535 is reserved). */
    public static final int MAX_ID = 65534;

    private final int firstId;
    private final int limit;
    private final BitSet inUse = new BitSet();

    /**
     * @param role our DTLS role, {@link RTCDtlsRole#CLIENT} or {@link RTCDtlsRole#SERVER}
     * @param streamCount the negotiated number of streams, min(our OS, the peer's MIS) (1 to 65535);
     *     ids run from 0 to {@code streamCount - 1}
     */
    public DataChannelIdAllocator(RTCDtlsRole role, int streamCount) {
        Objects.requireNonNull(role, "role");
        if (role == RTCDtlsRole.AUTO) {
            throw new IllegalArgumentException("the DTLS role must be decided (client or server), not auto");
        }
        if (streamCount < 1 || streamCount > 65535) {
            throw new IllegalArgumentException("stream count out of range 1..65535: " + streamCount);
        }
        this.firstId = role == RTCDtlsRole.CLIENT ? 0 : 1;
        this.limit = Math.min(streamCount - 1, MAX_ID);
    }

    /**
     * Takes the lowest free id of our parity, or empty when none is left (W3C: the channel then
     * fails with an OperationError).
     */
    public OptionalInt allocate() {
        for (int id = firstId; id <= limit; id += 2) {
            if (!inUse.get(id)) {
                inUse.set(id);
                return OptionalInt.of(id);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Marks an id taken by a negotiated channel or by the peer's DATA_CHANNEL_OPEN.
     *
     * @return {@code false} if the id is already in use or beyond the stream count (the caller
     *     refuses the channel)
     */
    public boolean reserve(int id) {
        if (id < 0 || id > limit || inUse.get(id)) {
            return false;
        }
        inUse.set(id);
        return true;
    }

    /** Frees an id once its stream has been reset in both directions (RFC 8831 §6.7). */
    public void release(int id) {
        if (id >= 0 && id <= limit) {
            inUse.clear(id);
        }
    }

    /** Whether an id is in use. */
    public boolean isInUse(int id) {
        return id >= 0 && inUse.get(id);
    }

    /** Whether an id has our parity, so that we (not the peer) would allocate it. */
    public boolean isOurs(int id) {
        return (id & 1) == firstId;
    }
}
