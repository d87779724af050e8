package org.ortc4j.ice.internal.turn;

/**
 * What a {@link TurnAllocation} has sent, received and dropped, as a snapshot.
 *
 * @param sentSendIndications datagrams sent to peers in Send indications (RFC 8656 §10)
 * @param sentChannelData datagrams sent to peers as ChannelData (RFC 8656 §12)
 * @param receivedDataIndications datagrams from peers unwrapped from Data indications
 * @param receivedChannelData datagrams from peers unwrapped from ChannelData
 * @param droppedQueueFull datagrams dropped because the queue of a peer whose permission was being
 *     created was full
 * @param droppedPermissionFailed queued datagrams dropped because CreatePermission failed
 * @param droppedClosed datagrams given to {@code send} after the allocation closed
 * @param droppedMalformed frames from the server that were neither well-formed STUN nor ChannelData
 * @param droppedUnknownChannel ChannelData on a channel number this client has not bound, or from a
 *     peer it holds no permission for (RFC 8656 §12.6)
 * @param droppedNoPermission Data indications without a peer address or data, or from a peer
 *     this client holds no permission for (RFC 8656 §10.4)
 * @param droppedUnexpected STUN messages nobody waited for (requests, other indications,
 *     responses to no transaction) and datagrams from other sources than the server
 * @param allocationRefreshes successful Refresh transactions
 * @param permissionRequests CreatePermission transactions started (new and refreshing)
 * @param channelBindRequests ChannelBind transactions started (new and refreshing)
 */
public record TurnCounters(long sentSendIndications, long sentChannelData, long receivedDataIndications,
        long receivedChannelData, long droppedQueueFull, long droppedPermissionFailed, long droppedClosed,
        long droppedMalformed, long droppedUnknownChannel, long droppedNoPermission, long droppedUnexpected,
        long allocationRefreshes, long permissionRequests, long channelBindRequests) {
}
