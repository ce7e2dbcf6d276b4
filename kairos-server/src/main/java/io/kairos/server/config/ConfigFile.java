package io.kairos.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kairos.raft.NodeId;
import io.kairos.storage.SnapshotTrigger;
import io.kairos.transport.PeerAddress;
import io.kairos.transport.TlsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a master's {@code node.yaml}. Unknown keys are errors (a misspelt key silently ignored
 * would leave a default in place); every error names the file and the key. Relative paths are
 * resolved against the file's directory.
 *
 * <pre>
 * node-id: 1
 * cluster-id: prod-eu
 * data-dir: data/n1
 * raft:
 *   bind: 0.0.0.0:7001
 *   advertised: 10.0.0.1:7001      # optional, default the bind address
 * api:
 *   bind: 127.0.0.1:8001
 *   advertised: 10.0.0.1:8001      # optional
 * members:                         # every initial member, this one included
 *   - { id: 1, raft: 10.0.0.1:7001, api: 10.0.0.1:8001 }
 *   - { id: 2, raft: 10.0.0.2:7001, api: 10.0.0.2:8001 }
 *   - { id: 3, raft: 10.0.0.3:7001, api: 10.0.0.3:8001 }
 * timing: { tick-ms: 100, election-ticks: 10, heartbeat-ticks: 1 }   # optional
 * snapshots: { max-entries: 100000, max-bytes: 67108864, retained-entries: 5000 }   # optional
 * tls:                             # optional; mutual TLS between masters
 *   certificate: certs/n1.pem
 *   private-key: certs/n1.key
 *   trusted: certs/ca.pem
 * </pre>
 */
public final class ConfigFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigFile() {}

    /**
     * Reads and checks {@code file}.
     *
     * @throws ConfigException naming the file and what is wrong
     */
    public static ServerConfig read(Path file) {
        return read(file, null);
    }

    /** Reads {@code file}; {@code apiTokenFile}, when given, replaces its {@code api.token-file}. */
    public static ServerConfig read(Path file, Path apiTokenFile) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage());
        }
        return parse(text, file.toAbsolutePath().getParent(), file.toString(), apiTokenFile);
    }

    /** Parses YAML text; relative paths resolve against {@code baseDir}; {@code source} names it in errors. */
    public static ServerConfig parse(String text, Path baseDir, String source) {
        return parse(text, baseDir, source, null);
    }

    static ServerConfig parse(String text, Path baseDir, String source, Path apiTokenFile) {
        if (text.isBlank()) {
            throw new ConfigException(source + ": the file is empty");
        }
        Raw raw;
        try {
            raw = YAML.readValue(text, Raw.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(source + ": unknown key '" + e.getPropertyName() + "' at " + path(e)
                    + "; known keys there: " + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (raw == null) {
            throw new ConfigException(source + ": the file is empty");
        }
        try {
            return raw.toConfig(baseDir, apiTokenFile);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage());
        }
    }

    private static String path(UnrecognizedPropertyException e) {
        StringBuilder s = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                s.append(s.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                s.append('[').append(ref.getIndex()).append(']');
            }
        }
        return s.length() == 0 ? "the top level" : s.toString();
    }

    /** The file's shape, before checking. */
    static final class Raw {
        @JsonProperty("node-id") Integer nodeId;
        @JsonProperty("cluster-id") String clusterId;
        @JsonProperty("data-dir") String dataDir;
        @JsonProperty("raft") Endpoint raft;
        @JsonProperty("api") Endpoint api;
        @JsonProperty("members") List<RawMember> members;
        @JsonProperty("timing") RawTiming timing;
        @JsonProperty("tls") RawTls tls;
        @JsonProperty("snapshots") RawSnapshots snapshots;

        ServerConfig toConfig(Path baseDir, Path apiTokenFile) {
            require(nodeId, "node-id");
            require(clusterId, "cluster-id");
            require(dataDir, "data-dir");
            require(raft, "raft");
            require(raft.bind, "raft.bind");
            if (raft.tokenFile != null) {
                throw new IllegalArgumentException("raft.token-file is not a setting: the API token goes under api");
            }
            require(api, "api");
            require(api.bind, "api.bind");
            if (members == null || members.isEmpty()) {
                throw new IllegalArgumentException("members must list every initial member, this one included");
            }
            Map<NodeId, Member> byId = new LinkedHashMap<>();
            for (int i = 0; i < members.size(); i++) {
                RawMember m = members.get(i);
                String at = "members[" + i + "]";
                require(m.id, at + ".id");
                require(m.raft, at + ".raft");
                require(m.api, at + ".api");
                NodeId id = nodeId(m.id, at + ".id");
                Member member = new Member(id, address(m.raft, at + ".raft"), address(m.api, at + ".api"));
                if (byId.put(id, member) != null) {
                    throw new IllegalArgumentException("members list node " + id.value() + " twice");
                }
            }
            Timing t = timing == null ? Timing.DEFAULT
                    : new Timing(orDefault(timing.tickMs, Timing.DEFAULT.tickMillis()),
                            orDefault(timing.electionTicks, Timing.DEFAULT.electionTicks()),
                            orDefault(timing.heartbeatTicks, Timing.DEFAULT.heartbeatTicks()));
            return new ServerConfig(nodeId(nodeId, "node-id"), clusterId, address(raft.bind, "raft.bind"),
                    raft.advertised == null ? null : address(raft.advertised, "raft.advertised"),
                    address(api.bind, "api.bind"), api.advertised == null ? null : address(api.advertised, "api.advertised"),
                    byId, baseDir.resolve(dataDir).normalize(), t, tls == null ? TlsConfig.DISABLED : tls.toTls(baseDir),
                    snapshots == null ? SnapshotTrigger.Policy.defaults() : snapshots.toPolicy(),
                    apiTokenFile != null ? ApiToken.read(apiTokenFile)
                            : api.tokenFile == null ? null : ApiToken.read(baseDir.resolve(api.tokenFile)));
        }
    }

    static final class Endpoint {
        @JsonProperty("bind") String bind;
        @JsonProperty("advertised") String advertised;
        /** Only under api: the bearer token's file (raft refuses it as an unknown key). */
        @JsonProperty("token-file") String tokenFile;
    }

    static final class RawMember {
        @JsonProperty("id") Integer id;
        @JsonProperty("raft") String raft;
        @JsonProperty("api") String api;
    }

    static final class RawTiming {
        @JsonProperty("tick-ms") Integer tickMs;
        @JsonProperty("election-ticks") Integer electionTicks;
        @JsonProperty("heartbeat-ticks") Integer heartbeatTicks;
    }

    static final class RawSnapshots {
        @JsonProperty("max-entries") Long maxEntries;
        @JsonProperty("max-bytes") Long maxBytes;
        @JsonProperty("retained-entries") Long retainedEntries;

        SnapshotTrigger.Policy toPolicy() {
            SnapshotTrigger.Policy d = SnapshotTrigger.Policy.defaults();
            try {
                return new SnapshotTrigger.Policy(maxEntries == null ? d.maxEntries() : maxEntries,
                        maxBytes == null ? d.maxBytes() : maxBytes,
                        retainedEntries == null ? d.retainedEntries() : retainedEntries);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("snapshots: " + e.getMessage());
            }
        }
    }

    static final class RawTls {
        @JsonProperty("certificate") String certificate;
        @JsonProperty("private-key") String privateKey;
        @JsonProperty("trusted") String trusted;
        @JsonProperty("mutual") Boolean mutual;

        TlsConfig toTls(Path baseDir) {
            require(certificate, "tls.certificate");
            require(privateKey, "tls.private-key");
            require(trusted, "tls.trusted");
            Path cert = baseDir.resolve(certificate);
            Path key = baseDir.resolve(privateKey);
            Path trust = baseDir.resolve(trusted);
            return mutual == null || mutual ? TlsConfig.mutual(cert, key, trust) : TlsConfig.serverOnly(cert, key, trust);
        }
    }

    private static void require(Object value, String key) {
        if (value == null) {
            throw new IllegalArgumentException(key + " is required");
        }
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static NodeId nodeId(int value, String key) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be a positive integer, got " + value);
        }
        return NodeId.of(value);
    }

    private static PeerAddress address(String value, String key) {
        try {
            return PeerAddress.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }
}
