/**
 * The metalogger's files in DATA_PATH, with MooseFS's names so that a real or jmfs master can restore from them:
 * {@code changelog_ml.N.mfs} (the live change log, N = 0 newest), {@code metadata_ml.mfs.back[.N]} and
 * {@code changelog_ml_back.{0,1}.mfs} (downloads). Invariants: {@link io.jmfs.metalogger.store.ChangelogFiles} only
 * ever appends version {@code last + 1} (anything else is refused, never written), and a downloaded file replaces
 * its predecessor only after it was received completely and, for metadata, passed the header and end-marker check.
 * No networking here; one thread uses these classes at a time.
 */
package io.jmfs.metalogger.store;
