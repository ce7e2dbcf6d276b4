package io.kairos.api.worker;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/** What a job runs, as JSON with a {@code "type"} of {@code shell}, {@code http} or {@code java}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TaskSpec.Shell.class, name = "shell"),
    @JsonSubTypes.Type(value = TaskSpec.Http.class, name = "http"),
    @JsonSubTypes.Type(value = TaskSpec.Java.class, name = "java")
})
public sealed interface TaskSpec permits TaskSpec.Shell, TaskSpec.Http, TaskSpec.Java {

    /**
     * A child process: {@code command} is the argument vector (no shell unless the first element
     * is one), run in {@code workDir} ("" for the worker's own) with {@code env} added.
     */
    record Shell(List<String> command, String workDir, Map<String, String> env) implements TaskSpec {
    }

    /** An HTTP call; a 2xx status is success. */
    record Http(String method, String url, Map<String, String> headers, String body) implements TaskSpec {
    }

    /** A handler the worker ships, found by {@code name} through {@code ServiceLoader}. */
    record Java(String handler) implements TaskSpec {
    }
}
