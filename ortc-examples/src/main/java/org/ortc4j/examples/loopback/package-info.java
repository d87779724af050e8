/**
 * {@code loopback}: two peer connections in one JVM over real UDP on the loopback interface,
 * with a data channel, Opus audio and VP8 video both ways, printing what happens and a
 * {@code getStats} summary. The module's main program ({@code mvn -pl ortc-examples -am compile
 * exec:java}).
 */
package org.ortc4j.examples.loopback;
