package org.ortc4j.dtls.internal;

/** What a datagram on an ICE transport carries, by its first byte (RFC 7983 §7). */
public enum PacketKind {
    /** 0–3: STUN, for the ICE agent. */
    STUN,
    /** 16–19: ZRTP. */
    ZRTP,
    /** 20–63: DTLS. */
    DTLS,
    /** 64–79: a TURN ChannelData message. */
    TURN_CHANNEL,
    /** 128–191: RTP or RTCP (SRTP/SRTCP). */
    RTP_RTCP,
    /** Anything else, and empty datagrams: dropped. */
    OTHER
}
