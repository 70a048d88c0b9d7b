/**
 * Typed master&lt;-&gt;chunkserver messages (port 9420): registration (rver 60..63) and its acknowledgements,
 * space/load/labels reports, chunk lists, and the chunk commands with their status answers.
 */
package io.jmfs.protocol.msg.chunkserver;
