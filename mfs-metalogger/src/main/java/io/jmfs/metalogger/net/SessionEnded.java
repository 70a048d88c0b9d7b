package io.jmfs.metalogger.net;

/** The master said something that ends this connection; the reason is logged and the link is made again. */
final class SessionEnded extends Exception {
    SessionEnded(String reason) {
        super(reason);
    }
}
