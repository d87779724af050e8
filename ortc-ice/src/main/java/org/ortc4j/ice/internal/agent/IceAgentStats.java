package org.ortc4j.ice.internal.agent;

/**
 * A snapshot of an {@link IceAgent}'s counters.
 *
 * @param checksSent connectivity checks sent (each transaction once, not its retransmissions)
 * @param checksReceived Binding requests received that passed authentication
 * @param successResponsesReceived Binding success responses accepted for our checks
 * @param errorResponsesReceived Binding error responses accepted for our checks
 * @param checkTimeouts checks that got no response
 * @param responsesSent success responses sent
 * @param errorResponsesSent error responses sent (400, 401, 487)
 * @param nonSymmetricResponses responses from another address than the check went to (RFC 8445 §7.2.5.2.1)
 * @param malformedDropped datagrams that looked like STUN (first byte 0..3) but did not decode
 * @param badFingerprintDropped STUN messages whose FINGERPRINT did not match
 * @param badIntegrityDropped requests or responses whose MESSAGE-INTEGRITY did not verify
 * @param unknownUfragDropped requests whose USERNAME did not start with our ufrag
 * @param unmatchedResponsesDropped responses that matched no outstanding transaction
 * @param unexpectedStunDropped STUN messages the agent does not handle (other methods, indications it ignores)
 * @param unknownSourceDataDropped non-STUN datagrams from addresses of no known pair
 * @param roleConflicts role conflicts detected (RFC 8445 §7.2.5.1 and §7.3.1.1)
 * @param tcpCandidatesIgnored remote TCP candidates, not paired (UDP only)
 * @param unusableCandidatesIgnored remote candidates with no IP literal address, or with no local candidate to pair with
 * @param pairsDroppedByLimit pairs not added because the check list was full (RFC 8445 §6.1.2.5)
 * @param consentRequestsSent consent freshness requests (RFC 7675)
 * @param consentResponsesReceived consent freshness responses
 * @param dataDroppedNoPair datagrams {@link IceAgent#send} refused for lack of a selected pair or consent
 */
public record IceAgentStats(long checksSent, long checksReceived, long successResponsesReceived,
        long errorResponsesReceived, long checkTimeouts, long responsesSent, long errorResponsesSent,
        long nonSymmetricResponses, long malformedDropped, long badFingerprintDropped, long badIntegrityDropped,
        long unknownUfragDropped, long unmatchedResponsesDropped, long unexpectedStunDropped,
        long unknownSourceDataDropped, long roleConflicts, long tcpCandidatesIgnored, long unusableCandidatesIgnored,
        long pairsDroppedByLimit, long consentRequestsSent, long consentResponsesReceived, long dataDroppedNoPair) {
}
