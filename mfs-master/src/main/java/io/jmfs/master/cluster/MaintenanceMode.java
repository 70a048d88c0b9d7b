package io.jmfs.master.cluster;

/**
 * A chunkserver's maintenance mode: set by an administrator ({@link #ON}), or entered by itself when the server
 * stops gracefully ({@link #TEMPORARY}, which ends when the server is back or after CS_TEMP_MAINTENANCE_MODE_TIMEOUT).
 */
public enum MaintenanceMode {
    OFF, ON, TEMPORARY
}
