package org.ortc4j.examples.loopback;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ortc4j.ice.RTCStats;
import org.ortc4j.ice.RTCStatsReport;
import org.ortc4j.ice.RTCStatsType;

/**
 * A few lines out of one peer connection's {@code getStats} report (W3C webrtc-stats names):
 * what it sent (outbound-rtp) and received (inbound-rtp) per stream, with the codec, the selected
 * candidate pair, the RTCP round-trip time its receiver reports gave (remote-inbound-rtp
 * {@code roundTripTime}) and the data channels opened.
 */
final class StatsSummary {

    private StatsSummary() {
    }

    /**
     * The summary of {@code report}, taken at {@code name}, whose peer is {@code peer}.
     *
     * @return lines, without line ends
     */
    static List<String> lines(String name, String peer, RTCStatsReport report) {
        List<String> lines = new ArrayList<>();
        for (RTCStats out : sorted(report.ofType(RTCStatsType.OUTBOUND_RTP))) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s -> %s  %-11s packets %6d  bytes %9d",
                    name, peer, codec(report, out), number(out, "packetsSent"), number(out, "bytesSent")));
            if (out.has("framesSent")) {
                line.append(String.format(Locale.ROOT, "  frames sent %d", number(out, "framesSent")));
            }
            lines.add(line.toString());
        }
        for (RTCStats in : sorted(report.ofType(RTCStatsType.INBOUND_RTP))) {
            lines.add(String.format(Locale.ROOT, "%s <- %s  %-11s packets %6d  bytes %9d  frames decoded %d  lost %d", name,
                    peer, codec(report, in), number(in, "packetsReceived"), number(in, "bytesReceived"),
                    number(in, "framesDecoded"), number(in, "packetsLost")));
        }
        for (RTCStats pair : report.ofType(RTCStatsType.CANDIDATE_PAIR)) {
            lines.add(String.format(Locale.ROOT, "%s  candidate pair %s <-> %s", name,
                    candidate(report, pair, "localCandidateId"), candidate(report, pair, "remoteCandidateId")));
        }
        List<String> rtts = new ArrayList<>();
        for (RTCStats remote : sorted(report.ofType(RTCStatsType.REMOTE_INBOUND_RTP))) {
            if (remote.has("roundTripTime")) {
                rtts.add(String.format(Locale.ROOT, "%s %.1f ms", remote.getString("kind"),
                        remote.getDouble("roundTripTime") * 1000));
            }
        }
        lines.add(name + "  RTCP round-trip time: "
                + (rtts.isEmpty() ? "none measured yet (no receiver report on a sender report)" : String.join(", ", rtts)));
        report.ofType(RTCStatsType.PEER_CONNECTION).stream().findFirst().ifPresent(pc -> lines.add(name
                + "  data channels opened " + number(pc, "dataChannelsOpened")));
        return lines;
    }

    private static List<RTCStats> sorted(List<RTCStats> stats) {
        return stats.stream().sorted(Comparator.comparing(s -> s.has("kind") ? s.getString("kind") : "")).toList();
    }

    private static String codec(RTCStatsReport report, RTCStats stream) {
        Optional<RTCStats> codec = stream.has("codecId") ? report.get(stream.getString("codecId")) : Optional.empty();
        return codec.filter(c -> c.has("mimeType")).map(c -> c.getString("mimeType"))
                .orElse(stream.has("kind") ? stream.getString("kind") : "?");
    }

    private static String candidate(RTCStatsReport report, RTCStats pair, String member) {
        return report.get(pair.getString(member))
                .map(c -> c.get("address") + ":" + c.get("port") + " (" + c.get("protocol") + " " + c.get("candidateType") + ")")
                .orElse("?");
    }

    private static long number(RTCStats stats, String member) {
        return stats.get(member) instanceof Number n ? n.longValue() : 0;
    }
}
