package io.krylovforge.spark;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Test-only Hadoop filesystem under the scheme {@code norename}: the local disk, except that
 * rename is refused, as on object stores where it is not atomic (or not offered at all).
 */
public class NoRenameFileSystem extends RawLocalFileSystem {
    /** The scheme tests register ({@code fs.norename.impl}). */
    public static final String SCHEME = "norename";

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        return false;
    }
}
