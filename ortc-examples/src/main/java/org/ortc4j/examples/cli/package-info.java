/**
 * What the command-line examples share, as aiortc's examples share {@code consume_signaling} and
 * argparse: {@link org.ortc4j.examples.cli.ProgramArguments} (the flags every example takes),
 * {@link org.ortc4j.examples.cli.SignalingSession} (offer, answer and candidates over a
 * {@link org.ortc4j.examples.signaling.Signaling}) and
 * {@link org.ortc4j.examples.cli.ProgramLauncher} (exit status, usage errors, Ctrl-C).
 */
package org.ortc4j.examples.cli;
