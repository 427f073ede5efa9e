package io.krylovforge.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CommitModeTest {
    @Test
    void objectStoresAreVerifiedAndFileSystemsWithAtomicRenameRename() {
        for (String s : new String[] {"s3a", "S3", "gs", "abfs", "abfss", "wasbs"}) {
            assertEquals(CommitMode.VERIFY, CommitMode.forScheme(s), s);
        }
        for (String s : new String[] {"hdfs", "file", "viewfs", "norename"}) {
            assertEquals(CommitMode.RENAME, CommitMode.forScheme(s), s);
        }
        assertEquals(CommitMode.RENAME, CommitMode.forScheme(null));
        assertEquals(CommitMode.VERIFY, CommitMode.parse(" Verify"));
        assertEquals(CommitMode.RENAME, CommitMode.parse("rename"));
        assertEquals("spark.kforge.commit must be rename or verify, got 'atomic'",
                assertThrows(JobArgumentException.class, () -> CommitMode.parse("atomic")).getMessage());
    }
}
