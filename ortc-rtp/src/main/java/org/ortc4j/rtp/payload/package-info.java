/**
 * RTP payload formats: packetizers that split an encoded frame into RTP payloads and
 * depacketizers that join payloads back into frames (Opus, G.711, G.722, VP8, VP9, H.264, AV1,
 * RTX). Public because recorders and forwarders work on encoded frames.
 */
package org.ortc4j.rtp.payload;
