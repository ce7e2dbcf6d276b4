package io.kairos.scheduler.job;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a job's runs execute on a worker. Workers run only the kinds they enable: Java handlers
 * they ship and HTTP calls always, shell commands only when started with shell jobs enabled.
 */
public sealed interface Task permits Task.Shell, Task.Http, Task.Java {

    /** The worker tag that says a worker runs shell jobs; they go to no other worker. */
    String SHELL_TAG = "kairos.shell";

    /** The longest a command, URL, body or value may be, in characters. */
    int MAX_TEXT = 64 * 1024;

    /**
     * A child process. {@code command} is the argument vector (no shell is involved unless its first
     * element is one), run in {@code workDir} ("" for the worker's own) with {@code env} added.
     */
    record Shell(List<String> command, String workDir, SortedMap<String, String> env) implements Task {
        public Shell {
            if (command == null || command.isEmpty()) {
                throw new IllegalArgumentException("shell command must have at least one element");
            }
            for (String arg : command) {
                requireText("shell command element", arg, 0);
            }
            command = List.copyOf(command);
            requireText("work dir", workDir, 0);
            env = copyOf("environment variable", env);
        }

        public Shell(List<String> command) {
            this(command, "", new TreeMap<>());
        }
    }

    /** An HTTP call; a 2xx status is success. */
    record Http(String method, String url, SortedMap<String, String> headers, String body) implements Task {

        static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

        public Http {
            if (method == null || !METHODS.contains(method)) {
                throw new IllegalArgumentException("HTTP method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, was '"
                        + method + "'");
            }
            requireText("URL", url, 1);
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new IllegalArgumentException("URL must start with http:// or https://, was '" + url + "'");
            }
            headers = copyOf("header", headers);
            requireText("body", body, 0);
        }
    }

    /** A handler the worker ships, found by name (its {@code JobHandler.name()}). */
    record Java(String handler) implements Task {
        public Java {
            requireText("Java handler name", handler, 1);
        }
    }

    private static void requireText(String what, String value, int minLength) {
        if (value == null || value.length() < minLength || value.length() > MAX_TEXT) {
            throw new IllegalArgumentException(what + " must be " + minLength + " to " + MAX_TEXT + " characters"
                    + (value == null ? ", was null" : ", was " + value.length()));
        }
    }

    private static SortedMap<String, String> copyOf(String what, Map<String, String> map) {
        if (map == null) {
            throw new IllegalArgumentException(what + "s must not be null");
        }
        for (Map.Entry<String, String> e : map.entrySet()) {
            requireText(what + " name", e.getKey(), 1);
            requireText(what + " value", e.getValue(), 0);
        }
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
