/**
 * Typed master&lt;-&gt;metalogger messages (port 9419): registration, metadata/changelog download, and the live
 * changelog stream ({@code METACHANGES_LOG}).
 */
package io.jmfs.protocol.msg.metalogger;
