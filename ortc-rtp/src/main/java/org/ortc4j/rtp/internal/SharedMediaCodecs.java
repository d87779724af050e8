package org.ortc4j.rtp.internal;

import org.ortc4j.media.MediaCodecs;

/** The codec SPI's providers, found once per class loader, for every sender and receiver. */
public final class SharedMediaCodecs {

    private SharedMediaCodecs() {
    }

    /** The providers ServiceLoader found on the class path or module path. */
    public static MediaCodecs get() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final MediaCodecs INSTANCE = MediaCodecs.load();
    }
}
