package org.ortc4j.dtls.internal;

import java.util.Hashtable;

/** Bouncy Castle's extension tables are raw {@code Hashtable}s; this keeps the casts in one place. */
final class TlsExtensions {

    private TlsExtensions() {
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static Hashtable copy(Hashtable extensions) {
        return extensions == null ? new Hashtable() : new Hashtable(extensions);
    }
}
