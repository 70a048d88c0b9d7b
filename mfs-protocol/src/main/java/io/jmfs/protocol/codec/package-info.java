/**
 * Field codecs shared by the typed messages: bounds-checked reading ({@link io.jmfs.protocol.codec.WireReader}),
 * NAME/GIDS/NUL-string/CSLOC writing, the ATTR record, CRC over buffers. Every decode failure is a
 * {@link io.jmfs.protocol.codec.MalformedPacketException} that names the packet and field; nothing here retains the
 * buffers it reads.
 */
package io.jmfs.protocol.codec;
