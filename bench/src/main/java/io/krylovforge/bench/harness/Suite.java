package io.krylovforge.bench.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A named list of cases and the peers to compare with, read from JSON:
 * <pre>{"name": "quick", "peers": ["scipy", "petsc"], "cases": [{"id": ..., "problem": ...}]}</pre>
 * Built-in suites live in the jar under {@code /suites/NAME.json}.
 */
public record Suite(String name, List<String> peers, List<BenchCase> cases) {
    public Suite {
        peers = peers == null ? List.of() : List.copyOf(peers);
        if (cases == null || cases.isEmpty()) {
            throw new IllegalArgumentException("suite " + name + " has no cases");
        }
        Set<String> ids = new HashSet<>();
        for (BenchCase c : cases) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("suite " + name + ": duplicate case id " + c.id());
            }
        }
        cases = List.copyOf(cases);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static Suite parse(InputStream json, String source) {
        try {
            return MAPPER.readValue(json, Suite.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not a valid suite: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot read suite: " + e.getMessage(), e);
        }
    }

    /** A built-in suite by name ("small", "quick", "full") or a JSON file path. */
    public static Suite load(String nameOrPath) throws IOException {
        Path p = Path.of(nameOrPath);
        if (Files.isRegularFile(p)) {
            try (InputStream in = Files.newInputStream(p)) {
                return parse(in, nameOrPath);
            }
        }
        try (InputStream in = Suite.class.getResourceAsStream("/suites/" + nameOrPath + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no suite '" + nameOrPath
                        + "': not a file, and not a built-in suite (small, quick, full)");
            }
            return parse(in, "suite " + nameOrPath);
        }
    }
}
