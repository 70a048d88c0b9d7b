package io.jmfs.master.quota;

/**
 * A directory's quota as QUOTACONTROL answers it: the definition (every limit 0 and flags 0 when it has none)
 * and the usage below it.
 */
public record QuotaState(QuotaDefinition definition, Usage usage) {
}
