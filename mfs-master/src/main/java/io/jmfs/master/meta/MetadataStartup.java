package io.jmfs.master.meta;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the master finds its metadata at start. Normally: load {@code metadata.mfs} and replay the changelogs after
 * it (a kill leaves exactly that behind, so a restart after a crash needs nothing special). It refuses to start,
 * naming the file and the problem, when the dump is missing while other metadata exists, or when the dump or a
 * changelog is corrupt or does not fit; with {@code -a} it instead takes the newest dump that loads and replays as
 * far as the changelogs are consistent. An empty data folder, or a {@code metadata.mfs} that is just
 * {@code MFSM NEW}, starts a new file system.
 */
public final class MetadataStartup {
    private static final Logger log = LoggerFactory.getLogger(MetadataStartup.class);

    /**
     * What {@link #plan} decided: a dump to load (null for an empty file system) and the metadata id. With
     * {@code fromChangelogs}, the empty file system is the start of changelogs that begin at version 1 (a master
     * that never stored a dump), which are replayed onto it.
     */
    public record Plan(Path dump, long metaId, boolean autoRecover, boolean fromChangelogs) {
        public Plan(Path dump, long metaId, boolean autoRecover) {
            this(dump, metaId, autoRecover, false);
        }

        /** A file system created now: no dump and nothing to replay. */
        public boolean newFileSystem() {
            return dump == null && !fromChangelogs;
        }
    }

    private MetadataStartup() {
    }

    public static Plan plan(Path dir, boolean autoRecover) throws IOException {
        Path current = DumpFiles.current(dir);
        if (Files.exists(current) && DumpReader.isNewFsMarker(current)) {
            log.info("{} is 'MFSM NEW': creating a new file system", current);
            return new Plan(null, newMetaId(), autoRecover);
        }
        if (!autoRecover) {
            if (Files.exists(current)) {
                return new Plan(current, DumpReader.header(current).metaId(), false);
            }
            List<Path> others = DumpFiles.candidates(dir);
            if (others.isEmpty() && ChangelogFiles.oldestFirst(dir).isEmpty()) {
                log.info("no metadata in {}: creating a new file system", dir);
                return new Plan(null, newMetaId(), false);
            }
            throw new MetadataException(current, "missing, but " + dir + " holds "
                    + (others.isEmpty() ? "changelogs" : others.get(0).getFileName().toString())
                    + ": the metadata was not stored cleanly; start with -a to recover automatically");
        }
        List<Candidate> loadable = new ArrayList<>();
        Path newFsMarker = null;
        for (Path p : DumpFiles.candidates(dir)) {
            if (DumpReader.isNewFsMarker(p)) {
                newFsMarker = p;
                continue;
            }
            try {
                MetaState probe = MetaState.standalone(0);
                DumpReader.Header h = DumpReader.load(p, probe);
                loadable.add(new Candidate(p, h));
            } catch (IOException e) {
                log.warn("auto-recovery: skipping {}", e.getMessage());
            }
        }
        if (loadable.isEmpty()) {
            if (ChangelogFiles.oldestFirst(dir).isEmpty() && DumpFiles.candidates(dir).isEmpty()) {
                return new Plan(null, newMetaId(), true);
            }
            OptionalLong firstMetaId = newFsMarker == null ? OptionalLong.empty() : metaIdAtVersionOne(dir);
            if (firstMetaId.isPresent()) {
                // MooseFS renames "MFSM NEW" to metadata.mfs.back while it runs: a master killed before its first
                // dump leaves that and changelogs from SETMETAID on, which are the whole file system
                log.info("auto-recovery: {} is 'MFSM NEW' and the changelogs start the file system at version 1: "
                        + "replaying them from there", newFsMarker);
                return new Plan(null, firstMetaId.getAsLong(), true, true);
            }
            throw new MetadataException(current, "no usable metadata dump in " + dir + " (auto-recovery)");
        }
        loadable.sort(Comparator.comparingLong((Candidate c) -> c.header.version()).reversed());
        Candidate best = loadable.get(0);
        log.info("auto-recovery: using {} (version {})", best.file, best.header.version());
        return new Plan(best.file, best.header.metaId(), true);
    }

    private record Candidate(Path file, DumpReader.Header header) {
    }

    /** The metadata id of a {@code 1: ts|SETMETAID(id)} first line of the oldest changelog, if it is one. */
    private static OptionalLong metaIdAtVersionOne(Path dir) throws IOException {
        List<Path> logs = ChangelogFiles.oldestFirst(dir);
        if (logs.isEmpty()) {
            return OptionalLong.empty();
        }
        String first;
        try (BufferedReader in = Files.newBufferedReader(logs.get(0), StandardCharsets.ISO_8859_1)) {
            first = in.readLine();
        }
        if (first == null || !first.startsWith("1: ")) {
            return OptionalLong.empty();
        }
        try {
            ChangelogParser.Line line = ChangelogParser.parse(first);
            return line.change() instanceof LoggedChange.MetaId m ? OptionalLong.of(m.metaId()) : OptionalLong.empty();
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    /** Loads the planned dump into {@code state} (which must be new) and replays the changelogs after it. */
    public static ChangelogReplay.Result load(Plan plan, MetaState state, Path dir) throws IOException {
        if (plan.dump() == null) {
            state.setMetaId(plan.metaId());
            state.setVersion(1);
            if (!plan.fromChangelogs()) {
                return new ChangelogReplay.Result(0, 1, null);
            }
        }
        Path source = plan.dump() != null ? plan.dump() : ChangelogFiles.oldestFirst(dir).get(0);
        long t0 = System.nanoTime();
        if (plan.dump() != null) {
            DumpReader.loadAtStart(plan.dump(), state);
        }
        long t1 = System.nanoTime();
        ChangelogReplay.Result r = ChangelogReplay.replay(state, dir, plan.autoRecover(), 0);
        // Everything the check recomputes (link counts, lists, the name index, lengths, counters, chunk reference
        // counts) a dump load derives itself from the dump, refusing what does not fit; only replayed changes can
        // leave a state the check has not already seen built. So a dump with nothing to replay is not checked
        // twice, which saves a second at a few million files (mfsmetacheck runs the whole check on demand).
        List<String> problems = r.applied() > 0 || plan.dump() == null ? MetaCheck.problems(state) : List.of();
        if (!problems.isEmpty()) {
            throw new MetadataException(source, "the metadata is inconsistent after replaying the changelogs: "
                    + String.join("; ", problems.subList(0, Math.min(10, problems.size()))));
        }
        log.info("metadata loaded from {} in {} ms, {} changes replayed in {} ms; version now {}", source,
                (t1 - t0) / 1_000_000, r.applied(), (System.nanoTime() - t1) / 1_000_000, state.version());
        return r;
    }

    static long newMetaId() {
        SecureRandom random = new SecureRandom();
        long id;
        do {
            id = random.nextLong();
        } while (id == 0);
        return id;
    }
}
