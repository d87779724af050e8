package org.ortc4j.examples.videostream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ortc4j.examples.cli.ExampleProgram;
import org.ortc4j.examples.cli.PrintedLines;
import org.ortc4j.examples.cli.ProgramThread;
import org.ortc4j.examples.signaling.TcpSocketSignaling;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.IvfReader;
import org.ortc4j.media.TimeBase;
import org.ortc4j.media.VideoFrame;
import org.ortc4j.media.Y4mWriter;
import org.ortc4j.sctp.chromium.ExternalTool;

/**
 * Both ends of videostream-cli in one JVM over the real TCP signaling and loopback candidates:
 * what one side sends (the test pattern, or a file it plays), the other records to a file that
 * holds the frames, at the size sent.
 */
class VideoStreamCliTest {

    private static final long TIMEOUT_SECONDS = 40;
    /** Frames the recorder must have received before the sender hangs up. */
    private static final int RECORDED = 60;

    @TempDir
    Path dir;

    private final PrintedLines offerOut = new PrintedLines();
    private final PrintedLines answerOut = new PrintedLines();
    private final List<ExampleProgram> programs = new ArrayList<>();

    @AfterEach
    void close() {
        programs.forEach(ExampleProgram::close);
    }

    @Test
    void theTestPatternIsRecordedToAnIvfFileByTheAnswerer() throws Exception {
        Path recorded = dir.resolve("received.ivf");
        stream(List.of(), List.of("--record-to", recorded.toString()));

        try (IvfReader ivf = IvfReader.open(recorded)) {
            assertThat(ivf.mimeType()).isEqualTo("video/VP8");
            assertThat(ivf.width()).isEqualTo(MediaSource.PATTERN_WIDTH);
            assertThat(ivf.height()).isEqualTo(MediaSource.PATTERN_HEIGHT);
            int frames = 0;
            int keyFrames = 0;
            for (EncodedFrame frame = ivf.readFrame(); frame != null; frame = ivf.readFrame()) {
                frames++;
                keyFrames += frame.keyFrame() ? 1 : 0;
            }
            assertThat(frames).isGreaterThanOrEqualTo(RECORDED / 2);
            assertThat(keyFrames).isPositive();
        }
        if (ffprobeAvailable()) {
            assertThat(ffprobe(recorded)).matches("vp8," + MediaSource.PATTERN_WIDTH + "," + MediaSource.PATTERN_HEIGHT + ",\\d+").satisfies(line -> assertThat(
                    Integer.parseInt(line.substring(line.lastIndexOf(',') + 1))).isGreaterThanOrEqualTo(RECORDED / 2));
        }
    }

    @Test
    void aY4mFilePlayedByTheOffererIsRecordedToWebmThroughFfmpeg() throws Exception {
        Path played = dir.resolve("played.y4m");
        try (Y4mWriter writer = Y4mWriter.create(played, 320, 240, 30, 1)) {
            for (int i = 0; i < 150; i++) {
                writer.write(frame(i));
            }
        }
        Path recorded = dir.resolve("received.webm");
        stream(List.of("--play-from", played.toString()), List.of("--record-to", recorded.toString()));

        if (!ffprobeAvailable()) {
            throw ExternalTool.unavailable("ffmpeg", "ffprobe is not on the PATH; it reads the recorded WebM file");
        }
        String probe = ffprobe(recorded);
        assertThat(probe).matches("vp8,320,240,\\d+");
        assertThat(Integer.parseInt(probe.substring(probe.lastIndexOf(',') + 1))).isGreaterThanOrEqualTo(RECORDED / 2);
    }

    @Test
    void filesAreCheckedBeforeAnythingStarts() {
        assertThatThrownBy(() -> VideoStreamCli.create(List.of("offer", "--play-from", "clip.avi"), offerOut.stream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("argument --play-from: cannot handle 'clip.avi'");
        assertThatThrownBy(() -> VideoStreamCli.create(List.of("offer", "--play-from", dir.resolve("none.ivf").toString()),
                offerOut.stream())).isInstanceOf(IOException.class).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> VideoStreamCli.create(List.of("answer", "--record-to"), offerOut.stream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("argument --record-to: expected one argument");
    }

    /**
     * Runs an offerer and an answerer with these extra arguments until the answerer has recorded
     * {@link #RECORDED} video frames, then hangs up the offerer; both must exit 0.
     */
    private void stream(List<String> offerArgs, List<String> answerArgs) throws Exception {
        List<String> offer = new ArrayList<>(List.of("offer", "--signaling", "tcp-socket", "--signaling-port", "0",
                "--loopback"));
        offer.addAll(offerArgs);
        VideoStreamCli offerer = VideoStreamCli.create(offer, offerOut.stream());
        programs.add(offerer);
        ProgramThread offering = new ProgramThread("offer", offerer);
        InetSocketAddress listening = ((TcpSocketSignaling) offerer.signaling()).listening()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<String> answer = new ArrayList<>(List.of("answer", "--signaling", "tcp-socket", "--signaling-port",
                String.valueOf(listening.getPort()), "--loopback", "--verbose"));
        answer.addAll(answerArgs);
        VideoStreamCli answerer = VideoStreamCli.create(answer, answerOut.stream());
        programs.add(answerer);
        ProgramThread answering = new ProgramThread("answer", answerer);

        answerOut.await(1, line -> line.equals("-- received " + RECORDED + " video frames"), TIMEOUT_SECONDS);
        // aiortc's lines: each side says what it receives (the answerer sends the pattern back).
        assertThat(answerOut.lines()).contains("Receiving video");
        offerOut.await(1, line -> line.equals("Receiving video"), TIMEOUT_SECONDS);

        offerer.close();
        assertThat(offering.await(TIMEOUT_SECONDS)).isEqualTo(ExampleProgram.EXIT_OK);
        assertThat(answering.await(TIMEOUT_SECONDS)).as(answerOut.text()).isEqualTo(ExampleProgram.EXIT_OK);
        assertThat(answerOut.lines()).contains("Exiting").noneMatch(line -> line.startsWith("recording"));
    }

    /** A frame with a gradient that moves, so the encoder has something to code. */
    private static VideoFrame frame(int index) {
        int width = 320;
        int height = 240;
        byte[] i420 = new byte[width * height * 3 / 2];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                i420[y * width + x] = (byte) (x + y + index * 4);
            }
        }
        java.util.Arrays.fill(i420, width * height, i420.length, (byte) 128);
        return VideoFrame.fromI420(width, height, i420, index * 3000L, TimeBase.VIDEO_90KHZ);
    }

    private static boolean ffprobeAvailable() {
        try {
            Process p = new ProcessBuilder("ffprobe", "-version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code codec,width,height,frames} of the first video stream, as ffprobe counts them. */
    private static String ffprobe(Path file) throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }
}
