/** Packets every MooseFS peer accepts ({@code ANTOAN_*}: NOP, GET_VERSION/VERSION). */
package io.jmfs.protocol.msg.common;
