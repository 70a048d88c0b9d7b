/**
 * Listening sockets for the daemons. A daemon lists what it serves as {@link io.jmfs.daemon.net.ListenerSpec}s
 * (a name, MooseFS's {@code *_LISTEN_HOST}/{@code *_LISTEN_PORT} values, and the Netty initializer that builds each
 * accepted connection's pipeline); {@link io.jmfs.daemon.net.Listeners} binds them all or none.
 */
package io.jmfs.daemon.net;
