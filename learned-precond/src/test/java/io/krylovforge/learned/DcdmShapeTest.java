package io.krylovforge.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DcdmShapeTest {
    @Test
    void defaultsAreTheCpuNetAndCopiesChangeOneValue() {
        DcdmShape d = DcdmShape.defaults();
        assertEquals(16, d.channels());
        assertEquals(List.of(1, 2, 1), d.blocks());
        assertEquals(1, d.levels());
        DcdmShape two = d.withChannels(4).withBlocks(0, 1, 1, 1, 0);
        assertEquals(4, two.channels());
        assertEquals(2, two.levels());
        assertArrayEquals(new int[] {0, 1, 1, 1, 0}, two.blockCounts());
        assertEquals(List.of(2, 3, 2), DcdmShape.paper().blocks());
        // 2D: 1 + 2·4 convolutions + pool + upsample + dense for blocks (1, 2, 1)
        assertEquals(12, Architecture.cpuDefault(Grid.square(8)).layers().size());
        assertEquals(3, Architecture.cpuDefault(Grid.cube(8)).spatialDims());
    }

    @Test
    void rejectsBadShapesWhereTheyAreGiven() {
        DcdmShape d = DcdmShape.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withChannels(0));
        assertThrows(IllegalArgumentException.class, () -> d.withBlocks(1, 1));
        assertThrows(IllegalArgumentException.class, () -> d.withBlocks(1, -1, 1));
    }
}
