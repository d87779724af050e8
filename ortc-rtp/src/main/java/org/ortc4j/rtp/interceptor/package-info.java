/**
 * Interceptors: features that act on a transport's RTP and RTCP streams (NACK, RTX, reports,
 * transport-wide congestion feedback, statistics), chained so that new ones plug in without
 * touching {@code RTCRtpSender} or {@code RTCRtpReceiver} — in the spirit of pion/interceptor.
 */
package org.ortc4j.rtp.interceptor;
