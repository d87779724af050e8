package org.ortc4j.examples.filexfer;

import java.util.Locale;

/**
 * A text progress bar, {@code [#########-----------]  45%  2.3 of 5.0 MB}, redrawn in place with
 * a carriage return. It draws again only when the shown percentage changes, so a fast transfer
 * prints at most 101 updates.
 */
final class ProgressBar {

    static final int WIDTH = 30;

    private final long total;
    private int shownPercent = -1;

    /** @param total the bytes that make 100 % (0 for an empty file, which is 100 % at once) */
    ProgressBar(long total) {
        if (total < 0) {
            throw new IllegalArgumentException("total " + total);
        }
        this.total = total;
    }

    /**
     * The bar for {@code done} bytes, with a leading carriage return, or {@code null} if the
     * percentage shown is unchanged.
     */
    String update(long done) {
        int percent = percent(done);
        if (percent == shownPercent) {
            return null;
        }
        shownPercent = percent;
        return "\r" + render(done);
    }

    /** The bar for {@code done} bytes. */
    String render(long done) {
        int percent = percent(done);
        int filled = percent * WIDTH / 100;
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%  %.1f of %.1f MB", percent, done / 1e6, total / 1e6);
    }

    private int percent(long done) {
        if (total == 0) {
            return 100;
        }
        return (int) (Math.min(Math.max(done, 0), total) * 100 / total);
    }
}
