package org.ortc4j.sdp;

import java.util.ArrayList;
import java.util.List;
import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code a=simulcast:<send|recv> <streams> [<recv|send> <streams>]}: the simulcast streams of a
 * media section, by rid (RFC 8853 §5.1).
 *
 * <pre>
 * sc-str-list  = sc-alt-list *( ";" sc-alt-list )
 * sc-alt-list  = sc-id *( "," sc-id )
 * sc-id        = [ "~" ] rid-id
 * </pre>
 *
 * @param lists one or two stream lists with different directions, in the order written
 */
public record SimulcastAttribute(List<StreamList> lists) implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "simulcast";

    /**
     * One rid in a simulcast list.
     *
     * @param id the rid
     * @param paused whether it was written with {@code ~}: the stream is paused
     */
    public record Rid(String id, boolean paused) {
        public Rid {
            RidAttribute.requireRidId(id);
        }

        @Override
        public String toString() {
            return paused ? "~" + id : id;
        }
    }

    /**
     * The streams in one direction: each stream is a list of alternative rids (usually one).
     *
     * @param direction send or recv
     * @param streams the streams in order, each a non-empty list of alternatives
     */
    public record StreamList(RidDirection direction, List<List<Rid>> streams) {
        public StreamList {
            if (direction == null) {
                throw new IllegalArgumentException("simulcast direction is missing");
            }
            List<List<Rid>> copy = new ArrayList<>(streams.size());
            for (List<Rid> alternatives : streams) {
                if (alternatives.isEmpty()) {
                    throw new IllegalArgumentException("simulcast stream has no rid");
                }
                copy.add(List.copyOf(alternatives));
            }
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("simulcast " + direction + " list is empty");
            }
            streams = List.copyOf(copy);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(direction.value()).append(' ');
            for (int i = 0; i < streams.size(); i++) {
                if (i > 0) {
                    text.append(';');
                }
                List<Rid> alternatives = streams.get(i);
                for (int j = 0; j < alternatives.size(); j++) {
                    text.append(j == 0 ? "" : ",").append(alternatives.get(j));
                }
            }
            return text.toString();
        }
    }

    public SimulcastAttribute {
        lists = List.copyOf(lists);
        if (lists.isEmpty() || lists.size() > 2) {
            throw new IllegalArgumentException("simulcast needs a send list, a recv list, or one of each");
        }
        if (lists.size() == 2 && lists.get(0).direction() == lists.get(1).direction()) {
            throw new IllegalArgumentException("simulcast has two " + lists.get(0).direction() + " lists");
        }
    }

    /** Reads the text after {@code a=simulcast:}. */
    public static SimulcastAttribute parse(String value) {
        List<String> fields = SdpSyntax.fields(value);
        if (fields.size() != 2 && fields.size() != 4) {
            throw new IllegalArgumentException("simulcast must be <send|recv> <streams> [<recv|send> <streams>]");
        }
        List<StreamList> lists = new ArrayList<>(2);
        for (int i = 0; i < fields.size(); i += 2) {
            RidDirection direction = RidDirection.fromValue(fields.get(i));
            if (direction == null) {
                throw new IllegalArgumentException("simulcast direction must be send or recv, not "
                        + SdpSyntax.quote(fields.get(i)));
            }
            List<List<Rid>> streams = new ArrayList<>();
            for (String stream : fields.get(i + 1).split(";", -1)) {
                List<Rid> alternatives = new ArrayList<>();
                for (String id : stream.split(",", -1)) {
                    boolean paused = id.startsWith("~");
                    alternatives.add(new Rid(paused ? id.substring(1) : id, paused));
                }
                streams.add(alternatives);
            }
            lists.add(new StreamList(direction, streams));
        }
        return new SimulcastAttribute(lists);
    }

    /** The streams this endpoint sends, or an empty list. */
    public List<List<Rid>> send() {
        return streams(RidDirection.SEND);
    }

    /** The streams this endpoint receives, or an empty list. */
    public List<List<Rid>> recv() {
        return streams(RidDirection.RECV);
    }

    private List<List<Rid>> streams(RidDirection direction) {
        for (StreamList list : lists) {
            if (list.direction() == direction) {
                return list.streams();
            }
        }
        return List.of();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return lists.size() == 1 ? lists.get(0).toString() : lists.get(0) + " " + lists.get(1);
    }
}
