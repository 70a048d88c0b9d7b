package io.jmfs.client;

import io.jmfs.protocol.Attr;

/** A named node as a lookup, create or readdir returns it: inode and attributes. */
public record Entry(String name, int inode, Attr attr) {
}
