package io.kairos.server.config;

/** A configuration file that cannot be used; the message says which file, which key and why. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
