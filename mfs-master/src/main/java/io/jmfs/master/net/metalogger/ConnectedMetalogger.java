package io.jmfs.master.net.metalogger;

/**
 * A registered metalogger as mfscli's metalogger list shows it ({@code MLOG_LIST}: {@code version:32 ip:32}).
 *
 * @param version its encoded MooseFS version
 * @param ip its IPv4 address (0 when it has none)
 */
public record ConnectedMetalogger(int version, int ip) {
}
