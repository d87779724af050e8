package org.ortc4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sdp.SdpFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.ortc4j.sdp.GroupAttribute;
import org.ortc4j.sdp.MediaDescription;
import org.ortc4j.sdp.MidAttribute;
import org.ortc4j.sdp.SdpAttribute;
import org.ortc4j.sdp.SessionDescription;
import org.ortc4j.sdp.SsrcAttribute;
import org.ortc4j.sdp.SsrcGroupAttribute;

/**
 * Parsing and writing SDP with ortc-sdp, against two baselines run in the same JVM and the same
 * run, on the same text:
 *
 * <ul>
 *   <li>{@code floor*}: the least any SDP parser or writer does. {@code floorParse} cuts the
 *       text into lines and each line at its first {@code =} and first {@code :} (two
 *       substrings per line); {@code floorWrite} joins the lines with CRLF into a string;
 *       {@code floorRoundTrip} does both.
 *   <li>{@code jainSip*}: the NIST JAIN-SIP SDP parser ({@code javax.sdp.SdpFactory}), the
 *       one Java SIP and WebRTC gateways commonly use. It types the {@code o=}, {@code c=},
 *       {@code m=} and other lines but keeps every {@code a=} line as a name and a string;
 *       ortc-sdp also parses the values of the attributes WebRTC reads (candidates, rtpmap,
 *       fmtp, extmap, ssrc, ...).
 * </ul>
 *
 * <p>Two inputs ({@link #offer}): {@code real} is a real Chromium offer (audio and video, every
 * interface's candidates, 7 KB); {@code sfu32} repeats its two media sections to 32 sections,
 * as an SFU's offer to a participant of a large call, with distinct mids, SSRCs and a BUNDLE
 * group naming all of them. Before timing, {@link #setUp()} checks that each parser reads the
 * text and that ortc-sdp writes it back unchanged, and fails otherwise.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
// A fixed heap, so that heap resizing is not part of what is measured.
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SdpBenchmark {

    /** The largest real offer of ortc-sdp's test corpus, copied into this jar. */
    static final String REAL_OFFER_RESOURCE = "chromium-offer-media-allif.sdp";

    /** How many media sections the SFU-like offer has. */
    static final int SFU_SECTIONS = 32;

    @Param({"real", "sfu32"})
    public String offer;

    private String text;
    private SessionDescription description;
    private String[] lines;
    private javax.sdp.SessionDescription jainSipDescription;
    private SdpFactory jainSipFactory;

    @Setup
    public void setUp() throws Exception {
        String real = readResource(REAL_OFFER_RESOURCE);
        text = switch (offer) {
            case "real" -> real;
            case "sfu32" -> repeatMedia(SessionDescription.parse(real), SFU_SECTIONS).toSdp();
            default -> throw new IllegalArgumentException("unknown offer " + offer);
        };
        description = SessionDescription.parse(text);
        lines = text.split("\r\n");
        jainSipFactory = SdpFactory.getInstance();
        jainSipDescription = jainSipFactory.createSessionDescription(text);
        check();
    }

    /** Fails the run unless both parsers read the text and ortc-sdp writes it back byte for byte. */
    private void check() throws Exception {
        int sections = offer.equals("sfu32") ? SFU_SECTIONS : 2;
        require(description.media().size() == sections, "ortc-sdp read " + description.media().size()
                + " media sections, expected " + sections);
        require(description.toSdp().equals(text), "ortc-sdp does not write back the text it read");
        require(roundTrip().equals(text), "ortc-sdp round trip changed the text");
        int jainSipSections = jainSipDescription.getMediaDescriptions(false).size();
        require(jainSipSections == sections, "JAIN-SIP read " + jainSipSections + " media sections, expected "
                + sections);
        String jainSipText = jainSipWrite();
        // JAIN-SIP drops the space of Chromium's "a=msid-semantic: WMS"; it writes the rest unchanged.
        require(jainSipText.equals(text.replace("a=msid-semantic: WMS", "a=msid-semantic:WMS")),
                "JAIN-SIP does not write back the text it read");
        require(jainSipFactory.createSessionDescription(jainSipText).toString().equals(jainSipText),
                "JAIN-SIP does not read back what it wrote");
        require(floorWrite().equals(text), "floorWrite does not give back the text");
        require(floorRoundTrip().equals(text), "floorRoundTrip does not give back the text");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("SdpBenchmark set-up check failed: " + message);
        }
    }

    // ---- ortc-sdp ----

    @Benchmark
    public SessionDescription parse() {
        return SessionDescription.parse(text);
    }

    @Benchmark
    public String write() {
        return description.toSdp();
    }

    @Benchmark
    public String roundTrip() {
        return SessionDescription.parse(text).toSdp();
    }

    // ---- baseline (a): the floor ----

    @Benchmark
    public void floorParse(Blackhole blackhole) {
        String text = this.text;
        int length = text.length();
        int start = 0;
        while (start < length) {
            int newline = text.indexOf('\n', start);
            int next = newline < 0 ? length : newline + 1;
            int end = newline < 0 ? length : newline;
            if (end > start && text.charAt(end - 1) == '\r') {
                end--;
            }
            int equals = -1;
            int colon = -1;
            for (int i = start; i < end; i++) {
                char c = text.charAt(i);
                if (equals < 0) {
                    if (c == '=') {
                        equals = i;
                    }
                } else if (c == ':') {
                    colon = i;
                    break;
                }
            }
            if (equals > start) {
                blackhole.consume(text.charAt(start));
                blackhole.consume(text.substring(equals + 1, colon < 0 ? end : colon));
                blackhole.consume(colon < 0 ? null : text.substring(colon + 1, end));
            }
            start = next;
        }
    }

    @Benchmark
    public String floorWrite() {
        StringBuilder out = new StringBuilder(text.length());
        for (String line : lines) {
            out.append(line).append("\r\n");
        }
        return out.toString();
    }

    /** {@link #floorParse} keeping the pieces, then written back: type, '=', name, [':', value], CRLF. */
    @Benchmark
    public String floorRoundTrip() {
        String text = this.text;
        int length = text.length();
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < length) {
            int newline = text.indexOf('\n', start);
            int next = newline < 0 ? length : newline + 1;
            int end = newline < 0 ? length : newline;
            if (end > start && text.charAt(end - 1) == '\r') {
                end--;
            }
            int equals = -1;
            int colon = -1;
            for (int i = start; i < end; i++) {
                char c = text.charAt(i);
                if (equals < 0) {
                    if (c == '=') {
                        equals = i;
                    }
                } else if (c == ':') {
                    colon = i;
                    break;
                }
            }
            if (equals > start) {
                pieces.add(text.substring(start, equals));
                pieces.add(text.substring(equals + 1, colon < 0 ? end : colon));
                pieces.add(colon < 0 ? null : text.substring(colon + 1, end));
            }
            start = next;
        }
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < pieces.size(); i += 3) {
            out.append(pieces.get(i)).append('=').append(pieces.get(i + 1));
            String value = pieces.get(i + 2);
            if (value != null) {
                out.append(':').append(value);
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    // ---- baseline (b): NIST JAIN-SIP ----

    @Benchmark
    public javax.sdp.SessionDescription jainSipParse() throws Exception {
        return jainSipFactory.createSessionDescription(text);
    }

    @Benchmark
    public String jainSipWrite() {
        return jainSipDescription.toString();
    }

    @Benchmark
    public String jainSipRoundTrip() throws Exception {
        return jainSipFactory.createSessionDescription(text).toString();
    }

    // ---- inputs ----

    static String readResource(String name) {
        try (InputStream in = SdpBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is not in the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An offer with {@code count} media sections: the sections of {@code offer} repeated in
     * order, copy {@code k} of a section with mid {@code m} getting mid {@code k * n + m} (n the
     * number of sections in {@code offer}) and its SSRCs moved by {@code k}, and a BUNDLE group
     * of every mid in place of the original one.
     */
    static SessionDescription repeatMedia(SessionDescription offer, int count) {
        List<MediaDescription> originals = offer.media();
        List<MediaDescription> sections = new ArrayList<>(count);
        List<String> mids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            MediaDescription original = originals.get(i % originals.size());
            long ssrcShift = i / originals.size();
            String mid = Integer.toString(i);
            mids.add(mid);
            MediaDescription.Builder section = original.toBuilder().removeAttributes(SdpAttribute.class);
            for (SdpAttribute attribute : original.attributes()) {
                section.attribute(renumber(attribute, mid, ssrcShift));
            }
            sections.add(section.build());
        }
        SessionDescription.Builder session = offer.toBuilder().removeAttributes(SdpAttribute.class);
        for (SdpAttribute attribute : offer.attributes()) {
            session.attribute(attribute instanceof GroupAttribute group && group.isBundle()
                    ? new GroupAttribute(GroupAttribute.BUNDLE, mids)
                    : attribute);
        }
        return session.media(sections).build();
    }

    private static SdpAttribute renumber(SdpAttribute attribute, String mid, long ssrcShift) {
        if (attribute instanceof MidAttribute) {
            return new MidAttribute(mid);
        }
        if (attribute instanceof SsrcAttribute ssrc) {
            return new SsrcAttribute(shift(ssrc.ssrc(), ssrcShift), ssrc.attribute(), ssrc.attributeValue());
        }
        if (attribute instanceof SsrcGroupAttribute group) {
            return new SsrcGroupAttribute(group.semantics(),
                    group.ssrcs().stream().map(ssrc -> shift(ssrc, ssrcShift)).toList());
        }
        return attribute;
    }

    private static long shift(long ssrc, long by) {
        return (ssrc + by) & 0xFFFF_FFFFL;
    }
}
