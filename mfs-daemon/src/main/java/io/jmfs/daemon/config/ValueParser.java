package io.jmfs.daemon.config;

/**
 * Turns the text of a config value into a typed value.
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface ValueParser<T> {

    /**
     * Parses one value.
     *
     * @throws IllegalArgumentException with a message saying what was expected (it is shown to the user after
     *     the file, line and key)
     */
    T parse(String text);
}
