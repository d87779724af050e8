package org.ortc4j.sctp.internal.association;

/** The states of an SCTP association (RFC 9260 §4, Figure 3). */
public enum AssociationState {
    /** No association: before {@code connect()}, and after shutdown or ABORT. */
    CLOSED,
    /** INIT sent, waiting for INIT ACK (T1-init running). */
    COOKIE_WAIT,
    /** COOKIE ECHO sent, waiting for COOKIE ACK (T1-cookie running). */
    COOKIE_ECHOED,
    /** Data flows both ways. */
    ESTABLISHED,
    /** The user asked to shut down; outstanding data is still being sent. */
    SHUTDOWN_PENDING,
    /** SHUTDOWN sent (T2-shutdown running). */
    SHUTDOWN_SENT,
    /** SHUTDOWN received; our outstanding data is still being sent. */
    SHUTDOWN_RECEIVED,
    /** SHUTDOWN ACK sent (T2-shutdown running), waiting for SHUTDOWN COMPLETE. */
    SHUTDOWN_ACK_SENT
}
