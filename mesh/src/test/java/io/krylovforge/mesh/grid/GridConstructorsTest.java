package io.krylovforge.mesh.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GridConstructorsTest {
    @Test
    void squareCountsAreWhatTheNamesSay() {
        StructuredGrid byCells = StructuredGrid.unitSquareWithCells(100);
        assertEquals(101 * 101, byCells.nodeCount());
        assertEquals(0.01, byCells.hx(), 1e-15);

        StructuredGrid byNodes = StructuredGrid.unitSquareWithNodes(101);
        assertEquals(byCells, byNodes);

        StructuredGrid byUnknowns = StructuredGrid.unitSquareWithInteriorUnknowns(100);
        assertEquals(102 * 102, byUnknowns.nodeCount());
        // With Dirichlet data on every side the interior nodes are the unknowns.
        GridSystem s = new GridAssembler(StructuredGrid.unitSquareWithInteriorUnknowns(7))
                .source((x, y, z) -> 1.0).assemble();
        assertEquals(49, s.size());
    }

    @Test
    void cubeCountsAreWhatTheNamesSay() {
        assertEquals(5 * 5 * 5, StructuredGrid.unitCubeWithCells(4).nodeCount());
        assertEquals(StructuredGrid.unitCubeWithCells(4), StructuredGrid.unitCubeWithNodes(5));
        assertEquals(StructuredGrid.unitCubeWithCells(4), StructuredGrid.unitCubeWithInteriorUnknowns(3));
    }

    @Test
    @SuppressWarnings("deprecation")
    void oldNamesStillCountCells() {
        assertEquals(StructuredGrid.unitSquareWithCells(9), StructuredGrid.unitSquare(9));
        assertEquals(StructuredGrid.unitCubeWithCells(3), StructuredGrid.unitCube(3));
    }

    @Test
    void tooFewNodesOrUnknownsAreRejectedByName() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> StructuredGrid.unitSquareWithNodes(2)).getMessage();
        assertTrue(m.contains("3 nodes") && m.contains("got 2"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> StructuredGrid.unitCubeWithInteriorUnknowns(0)).getMessage();
        assertTrue(m.contains("interior unknowns"), m);
    }
}
