/**
 * The metalogger's link to the master's port 9419: {@link io.jmfs.metalogger.net.MasterConnector} owns one thread
 * that connects (again after MASTER_RECONNECTION_DELAY when the link drops), reads frames with
 * {@link io.jmfs.metalogger.net.MasterSocket} and hands each typed message to
 * {@link io.jmfs.metalogger.net.MetaloggerSync}, the protocol: register (with the next version it needs when it
 * holds change logs), download metadata and the master's two newest change logs, append the live stream. A gap in
 * the stream drops the change logs and ends the connection, so the next one starts over with a fresh download.
 * Everything, file writing included, happens on that one thread: nothing else touches the store.
 */
package io.jmfs.metalogger.net;
