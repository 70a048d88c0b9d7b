package io.jmfs.master.quota;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The quota'd directories: each one's definition and the usage below it. The namespace keeps the usage current
 * ({@link #add}) and decides what a change does; this table only holds, answers and applies.
 */
public final class QuotaTable {
    private static final class Entry {
        QuotaDefinition definition;
        long inodes;
        long length;
        long size;
        long realSize;

        Usage usage() {
            return new Usage(inodes, length, size, realSize);
        }

        void set(Usage u) {
            inodes = u.inodes();
            length = u.length();
            size = u.size();
            realSize = u.realSize();
        }
    }

    private final Map<Integer, Entry> entries = new LinkedHashMap<>();

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    public boolean has(int dir) {
        return entries.containsKey(dir);
    }

    /** The definition of {@code dir}, or null when it has no quota. */
    public QuotaDefinition definition(int dir) {
        Entry e = entries.get(dir);
        return e == null ? null : e.definition;
    }

    /** What is below {@code dir}; {@link Usage#NONE} when it has no quota (its usage is not kept then). */
    public Usage usage(int dir) {
        Entry e = entries.get(dir);
        return e == null ? Usage.NONE : e.usage();
    }

    /** Every definition, in the order they were made. */
    public List<QuotaDefinition> definitions() {
        List<QuotaDefinition> all = new ArrayList<>(entries.size());
        for (Entry e : entries.values()) {
            all.add(e.definition);
        }
        return all;
    }

    public Collection<Integer> directories() {
        return List.copyOf(entries.keySet());
    }

    /**
     * What a QUOTA line does (MooseFS's replay rule): flags 0 removes the directory's quota; otherwise the
     * definition replaces the old one, except that a grace period of 0 keeps the one already there. A directory
     * that had no quota gets its usage from {@code usageOf}, once.
     */
    public void apply(QuotaDefinition d, IntFunction<Usage> usageOf) {
        if (d.flags() == 0) {
            entries.remove(d.inode());
            return;
        }
        Entry e = entries.get(d.inode());
        if (e == null) {
            e = new Entry();
            e.set(usageOf.apply(d.inode()));
            entries.put(d.inode(), e);
        } else if (d.gracePeriod() == 0 && e.definition.gracePeriod() != 0) {
            d = new QuotaDefinition(d.inode(), d.exceeded(), d.flags(), d.softSince(), e.definition.gracePeriod(),
                    d.softInodes(), d.hardInodes(), d.softLength(), d.hardLength(), d.softSize(), d.hardSize(),
                    d.softRealSize(), d.hardRealSize());
        }
        e.definition = d;
    }

    /** Forgets a directory's quota without a record (the directory itself is gone). */
    public void drop(int dir) {
        entries.remove(dir);
    }

    /** Adds {@code delta} to the usage of {@code dir} when it has a quota. */
    public void add(int dir, Usage delta) {
        Entry e = entries.get(dir);
        if (e != null) {
            e.inodes += delta.inodes();
            e.length += delta.length();
            e.size += delta.size();
            e.realSize += delta.realSize();
        }
    }

    /** Replaces the usage of {@code dir} (a recount). */
    public void recount(int dir, Usage usage) {
        Entry e = entries.get(dir);
        if (e != null) {
            e.set(usage);
        }
    }

    /**
     * MooseFS's once-a-second check: a soft limit found exceeded starts its grace period ({@code softSince = now}),
     * one no longer exceeded clears it, and one exceeded past the grace period turns {@code exceeded} on. Answers
     * the definitions whose state would change, for the caller to record and apply; changes nothing itself.
     */
    public List<QuotaDefinition> softStateChanges(int now) {
        List<QuotaDefinition> changed = new ArrayList<>();
        for (Entry e : entries.values()) {
            QuotaDefinition d = e.definition;
            boolean soft = d.softExceededBy(e.usage());
            int since = d.softSince();
            if (!soft) {
                since = 0;
            } else if (since == 0) {
                since = now;
            }
            boolean exceeded = since != 0
                    && Integer.toUnsignedLong(since) + Integer.toUnsignedLong(d.gracePeriod())
                    < Integer.toUnsignedLong(now);
            if (since != d.softSince() || exceeded != d.exceeded()) {
                changed.add(d.withSoftState(exceeded, since));
            }
        }
        return changed;
    }
}
