/**
 * Who may mount what: the rules of {@code mfsexports.cfg} and the decision for one registration attempt.
 *
 * <p>{@link io.jmfs.master.exports.ExportsParser} turns the file into an immutable
 * {@link io.jmfs.master.exports.ExportRules}; {@link io.jmfs.master.exports.ExportRules#check} turns a client's
 * address, version, requested path and password answer into an {@link io.jmfs.master.exports.ExportGrant} or a
 * refusal status. A reload builds a new {@code ExportRules}; grants already handed out are values and never change,
 * so existing sessions keep the rights they registered with.
 *
 * <p>Invariants: every rule is validated when parsed (a file with a bad line is refused as a whole, with
 * {@code file:line} for each problem); no class here holds mutable state, touches the network, or needs the
 * metadata thread. The {@linkplain io.jmfs.master.exports.ExportRules#checksum() checksum} is MooseFS's own, so the
 * {@code SESADD} changelog lines we write match a real master's for the same file.
 */
package io.jmfs.master.exports;
