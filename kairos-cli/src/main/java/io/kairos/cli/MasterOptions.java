package io.kairos.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Which masters to talk to and how to authenticate: shared by every command. */
final class MasterOptions {

    @Option(names = {"-m", "--masters"}, split = ",", paramLabel = "URL", scope = ScopeType.INHERIT,
            defaultValue = "${env:KAIROS_MASTERS:-http://127.0.0.1:7701}",
            description = "any masters' API URLs; the first that answers is used (default: $KAIROS_MASTERS, else"
                    + " ${DEFAULT-VALUE})")
    List<URI> masters;

    @Option(names = "--token-file", paramLabel = "FILE", defaultValue = "${env:KAIROS_TOKEN_FILE}", scope = ScopeType.INHERIT,
            description = "a file whose first line is the API bearer token (default: $KAIROS_TOKEN_FILE)")
    Path tokenFile;

    ApiCall api() {
        String token = null;
        if (tokenFile != null) {
            try {
                token = Files.readString(tokenFile).lines().findFirst().orElse("").strip();
            } catch (IOException e) {
                throw new CliException("cannot read the token file " + tokenFile + ": " + e.getMessage());
            }
        }
        return new ApiCall(masters.stream().map(u -> URI.create(u.toString().replaceAll("/+$", ""))).toList(), token);
    }
}
