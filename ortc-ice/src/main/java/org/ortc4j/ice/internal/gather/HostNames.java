package org.ortc4j.ice.internal.gather;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.ortc4j.ice.internal.mdns.MdnsResponder;
import org.ortc4j.ice.net.NetworkStack;

/**
 * The names host candidates show instead of their addresses when the gatherer hides them
 * (draft-ietf-mmusic-mdns-ice-candidates §3.1.1): a random {@code <uuid>.local} name answered
 * over multicast DNS by a responder that lives as long as the gatherer. Without hiding, the
 * address itself. Confined to the loop.
 */
final class HostNames {

    private final NetworkStack stack;
    private final boolean hide;
    private final List<String> registered = new ArrayList<>();
    private MdnsResponder responder;

    HostNames(NetworkStack stack, boolean hide) {
        this.stack = stack;
        this.hide = hide;
    }

    /** The name for {@code address}: an mDNS name when hiding, else the address's text. */
    CompletableFuture<String> nameFor(InetAddress address) {
        if (!hide) {
            return CompletableFuture.completedFuture(CandidateGathering.text(address));
        }
        try {
            if (responder == null) {
                responder = new MdnsResponder(stack);
            }
            String name = responder.register(address);
            registered.add(name);
            return CompletableFuture.completedFuture(name);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Stops answering for the names (RFC 6762 §10.1 goodbyes) and leaves the groups. */
    void close() {
        if (responder != null) {
            for (String name : registered) {
                responder.unregister(name);
            }
            registered.clear();
            responder.close();
            responder = null;
        }
    }
}
