package io.jmfs.master.meta;

import io.jmfs.master.chunks.Chunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The consistency check the master runs after loading and {@code mfsmetacheck} offers: the namespace's own
 * structure (link counts, parents, subtree lengths, counters, free inodes) plus chunk references: every chunk a
 * file names exists, and every chunk's file count equals the number of references.
 *
 * <p>It runs at every start, so it must stay cheap at tens of millions of files: the references are collected
 * into one primitive array, sorted, and walked alongside the chunk table (both in unsigned id order) instead of
 * being counted in a map of boxed ids.
 */
public final class MetaCheck {
    private static final int LIMIT = 100;

    private MetaCheck() {
    }

    public static List<String> problems(MetaState state) {
        // the two halves only read the state and share nothing: the namespace's structure is checked on a second
        // thread (the master has more than one core; at start nothing else runs), the chunk references here
        CompletableFuture<List<String>> structure = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("mfsmaster-check").start(() -> {
            try {
                structure.complete(state.namespace().checkConsistency());
            } catch (Throwable e) {
                structure.completeExceptionally(e);
            }
        });
        List<String> chunkProblems = chunkProblems(state);
        List<String> out;
        try {
            out = new ArrayList<>(structure.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
        out.addAll(chunkProblems);
        return out.size() > LIMIT ? new ArrayList<>(out.subList(0, LIMIT)) : out;
    }

    private static List<String> chunkProblems(MetaState state) {
        List<String> out = new ArrayList<>();
        long[] refs = sortedReferences(state);
        int j = 0;
        for (Chunk c : state.chunks().all()) {
            if (out.size() >= LIMIT) {
                return out;
            }
            long key = c.id() ^ Long.MIN_VALUE;
            while (j < refs.length && refs[j] < key) { // referenced ids below this chunk's: no such chunk
                j = missing(refs, j, out);
            }
            int held = 0;
            while (j < refs.length && refs[j] == key) {
                held++;
                j++;
            }
            if (held == 0 && c.fileCount() != 0) {
                out.add("chunk " + hex(c.id()) + " counts " + c.fileCount() + " file references, no file holds it");
            } else if (held != 0 && c.fileCount() != held) {
                out.add("chunk " + hex(c.id()) + " counts " + c.fileCount() + " file references, files hold " + held);
            }
        }
        while (j < refs.length && out.size() < LIMIT) {
            j = missing(refs, j, out);
        }
        return out;
    }

    /**
     * Every chunk id files reference (once per reference), with the sign bit flipped so that a signed sort and
     * signed comparisons order them as unsigned ids, the chunk table's order.
     */
    private static long[] sortedReferences(MetaState state) {
        // most files hold chunks of their own: the chunk count is a good first size
        long[][] buf = {new long[Math.max(1 << 10, state.chunks().size() + (state.chunks().size() >> 4))]};
        int[] n = {0};
        state.namespace().persistence().forEachChunkReference((inode, sclass, chunkId) -> {
            if (n[0] == buf[0].length) {
                buf[0] = Arrays.copyOf(buf[0], buf[0].length * 2);
            }
            buf[0][n[0]++] = chunkId ^ Long.MIN_VALUE;
        });
        long[] refs = Arrays.copyOf(buf[0], n[0]);
        Arrays.sort(refs);
        return refs;
    }

    /** Reports the run of references to the missing chunk at {@code refs[j]}; returns the index after the run. */
    private static int missing(long[] refs, int j, List<String> out) {
        long key = refs[j];
        int end = j;
        while (end < refs.length && refs[end] == key) {
            end++;
        }
        out.add("chunk " + hex(key ^ Long.MIN_VALUE) + " is referenced " + (end - j) + " times but does not exist");
        return end;
    }

    private static String hex(long id) {
        return String.format("%016X", id);
    }
}
