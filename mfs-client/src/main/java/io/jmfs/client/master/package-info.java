/**
 * The client's session with the master (port 9421): registration, reconnect into the same session, keepalive NOPs,
 * msgid-matched requests with out-of-order replies, and dispatch of unsolicited notifications. Blocking sockets
 * with one reader thread per connection; callers block on their own reply only.
 */
package io.jmfs.client.master;
