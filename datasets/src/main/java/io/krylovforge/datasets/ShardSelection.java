package io.krylovforge.datasets;

/**
 * Which shards one process writes: process {@code index} of {@code count} takes every shard k with
 * k ≡ index (mod count). The shards themselves do not depend on the selection, so N processes
 * together write exactly the files one process would.
 *
 * @param index this process, 0 ≤ index &lt; count
 * @param count number of cooperating processes, ≥ 1
 */
public record ShardSelection(int index, int count) {
    /**
     * Validates the selection.
     *
     * @param index this process, 0 ≤ index &lt; count
     * @param count number of cooperating processes, ≥ 1
     * @throws DatasetArgumentException unless 0 ≤ index &lt; count
     */
    public ShardSelection {
        if (count < 1) {
            throw new DatasetArgumentException("shard count must be >= 1, got " + index + "/" + count);
        }
        if (index < 0 || index >= count) {
            throw new DatasetArgumentException("shard index out of range: " + index + "/" + count
                    + " (need 0 <= i < N for --shard i/N)");
        }
    }

    /** {@return the whole dataset in one process} */
    public static ShardSelection all() {
        return new ShardSelection(0, 1);
    }

    /** Parses {@code "i/N"}. */
    public static ShardSelection parse(String s) {
        String t = s == null ? "" : s.trim();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1) {
            throw new DatasetArgumentException("--shard must look like i/N (e.g. 0/4), got '" + s + "'");
        }
        try {
            return new ShardSelection(Integer.parseInt(t.substring(0, slash).trim()),
                    Integer.parseInt(t.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new DatasetArgumentException("--shard must look like i/N with integers, got '" + s + "'");
        }
    }

    /** Whether shard {@code k} belongs to this process. */
    public boolean owns(int k) {
        return k % count == index;
    }

    /** {@return the manifest file name: {@code manifest.json} alone, {@code manifest-i-of-N.json} when split} */
    public String manifestName() {
        return count == 1 ? "manifest.json" : "manifest-" + index + "-of-" + count + ".json";
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
