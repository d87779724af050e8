/**
 * Runnable programs that show ortc4j at work.
 */
package org.ortc4j.examples;
