package io.krylovforge.core.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SolverOptionsTest {
    @Test
    void rejectsNonsense() {
        SolverOptions d = SolverOptions.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withRtol(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withRtol(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> d.withRtol(0).withAtol(0));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxIterations(-2));
        assertThrows(IllegalArgumentException.class, () -> d.withDtol(0.5));
        assertEquals(1e-3, d.withRtol(1e-3).rtol());
    }

    @Test
    void convergenceTestClassifiesAndRecords() {
        List<Double> seen = new ArrayList<>();
        SolverOptions o = SolverOptions.defaults().withRtol(1e-2).withAtol(0.5).withMaxIterations(3)
                .withMonitor((k, r) -> seen.add(r));
        ConvergenceTest t = new ConvergenceTest(o, 10.0);
        assertEquals(0.5, t.threshold());
        assertNull(t.check(0, 5.0));
        assertNull(t.check(1, 2.0));
        assertEquals(StopReason.CONVERGED_ATOL, t.check(2, 0.4));
        assertEquals(StopReason.DIVERGED_NAN, t.check(2, Double.NaN));
        assertEquals(StopReason.DIVERGED_MAX_ITERATIONS, t.check(3, 1.0));
        assertEquals(StopReason.DIVERGED_DTOL, t.check(3, 1e7));
        assertEquals(StopReason.CONVERGED_RTOL, new ConvergenceTest(o.withAtol(0), 10.0).check(0, 0.05));
        SolveResult r = t.result(StopReason.DIVERGED_MAX_ITERATIONS, 3, 1.0, "");
        assertArrayEquals(new double[] {5, 2, 0.4, Double.NaN, 1.0, 1e7}, r.history());
        assertEquals(0.1, r.relativeResidual(), 1e-15);
        assertEquals(7, seen.size()); // six from t, one from the second test
        assertThrows(NotConvergedException.class, r::orThrow);
    }
}
