package io.kairos.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The bearer token every API call must carry when the API is not on loopback. Read from a file so
 * that it appears in no command line, environment or configuration file; there is no default.
 */
public final class ApiToken {

    /** Shorter tokens are refused: a guessable token is no authentication. */
    public static final int MIN_LENGTH = 16;

    private final byte[] value;

    private ApiToken(String value) {
        this.value = value.getBytes(StandardCharsets.UTF_8);
    }

    public static ApiToken of(String value) {
        String v = value == null ? "" : value.strip();
        if (v.length() < MIN_LENGTH || v.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("an API token must be at least " + MIN_LENGTH
                    + " characters without whitespace (e.g. `openssl rand -hex 32`)");
        }
        return new ApiToken(v);
    }

    /** Reads the token from the first line of a file. */
    public static ApiToken read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return of(text.lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the API token file " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("API token file " + file + ": " + e.getMessage());
        }
    }

    /** Whether an {@code Authorization} header carries this token; constant time in the token. */
    public boolean admits(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
            return false;
        }
        byte[] offered = authorizationHeader.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(offered, value);
    }

    /** The header value a client sends. */
    public String header() {
        return "Bearer " + new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ApiToken[redacted]";
    }
}
