package org.ortc4j.ice.internal.turn;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.ortc4j.ice.stun.StunAttribute;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.StunMessageType;

/**
 * How permissions and channels run their transactions: on the allocation's current 5-tuple, with
 * its credentials ({@link org.ortc4j.ice.internal.StunClient#request}), and only while it is open.
 */
interface TurnRequester {

    /** Runs a request; the future completes with the final response, success or error. */
    CompletableFuture<StunMessage> request(StunMessageType type, List<? extends StunAttribute> attributes);

    /** Whether the allocation is still open: answers that arrive later are ignored. */
    boolean isOpen();
}
