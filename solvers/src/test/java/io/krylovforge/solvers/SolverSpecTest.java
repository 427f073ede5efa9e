package io.krylovforge.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.solvers.recycle.GcroDr;
import org.junit.jupiter.api.Test;

class SolverSpecTest {
    @Test
    void defaultsAndDerivedValues() {
        SolverSpec d = SolverSpec.defaults();
        assertEquals("auto", d.solver());
        assertEquals("none", d.precond());
        assertEquals(10_000, d.iterationLimit(100));
        assertEquals(50_000, d.iterationLimit(5_000));
        assertEquals(30, d.withSolver("gmres").restartOrDefault());
        assertEquals(40, d.withSolver("gcrodr").restartOrDefault());
        assertEquals(7, d.withMaxIterations(7).options(10).maxIterations());
        assertEquals(1e-6, d.withRtol(1e-6).options(10).rtol());
        assertEquals(1e3, d.withDtol(1e3).options(10).dtol());
        assertEquals(io.krylovforge.core.solve.SolverOptions.defaults().dtol(), d.options(10).dtol()); // 0: default
        assertNull(d.createPreconditioner());
        assertInstanceOf(GcroDr.class, d.withSolver("gcrodr").createSolver());
        assertTrue(Solvers.names().contains("gcrodr") && Solvers.names().contains("rcg"));
    }

    @Test
    void badValuesNameTheOptionAndValue() {
        SolverSpec d = SolverSpec.defaults();
        String m = assertThrows(IllegalArgumentException.class, () -> d.withSolver("nope")).getMessage();
        assertTrue(m.contains("nope") && m.contains("gmres") && m.contains("gcrodr"), m);
        m = assertThrows(IllegalArgumentException.class, () -> d.withPrecond("ilu9")).getMessage();
        assertTrue(m.contains("ilu9") && m.contains("none"), m);
        m = assertThrows(IllegalArgumentException.class, () -> d.withRtol(1.5)).getMessage();
        assertTrue(m.contains("--rtol") && m.contains("1.5"), m);
        assertThrows(IllegalArgumentException.class, () -> d.withRtol(0.0));
        assertEquals(0.0, d.withAtol(1e-12).withRtol(0.0).rtol()); // atol alone is a valid stopping rule
        m = assertThrows(IllegalArgumentException.class, () -> d.withDtol(1.0)).getMessage();
        assertTrue(m.contains("--dtol"), m);
        m = assertThrows(IllegalArgumentException.class, () -> d.withMaxIterations(-1)).getMessage();
        assertTrue(m.contains("--max-iterations") && m.contains("-1"), m);
        m = assertThrows(IllegalArgumentException.class, () -> d.withSolver("gcrodr").withRestart(20)).getMessage();
        assertTrue(m.contains("--recycle") && m.contains("restart 20"), m);
        m = assertThrows(IllegalArgumentException.class, () -> d.withRefreshEvery(0)).getMessage();
        assertTrue(m.contains("--refresh-every"), m);
        m = assertThrows(IllegalArgumentException.class, () -> d.withOmega(0.0)).getMessage();
        assertTrue(m.contains("--omega"), m);
        m = assertThrows(IllegalArgumentException.class, () -> d.withDevice("tpu")).getMessage();
        assertTrue(m.contains("tpu") && m.contains("cuda"), m);
        assertEquals("opencl:0:1", d.withDevice("OpenCL:0:1").device());
    }

    @Test
    void theSpecSolvesWithItsSettings() {
        CsrMatrix a = Stencils.laplacian2d(12, 12);
        DenseVector b = DenseVector.wrap(a.multiply(DenseVector.ones(a.rows()).data()));
        for (String name : new String[] {"cg", "gmres", "gcrodr", "rcg"}) {
            SolverSpec s = SolverSpec.defaults().withSolver(name).withRtol(1e-10);
            DenseVector x = DenseVector.zeros(a.rows());
            SolveResult r = s.createSolver().solve(a, b, x, s.options(a.rows()));
            assertTrue(r.converged(), name + ": " + r.reason());
            double[] ax = a.multiply(x.data());
            double num = 0;
            double den = 0;
            for (int i = 0; i < ax.length; i++) {
                num += (b.data()[i] - ax[i]) * (b.data()[i] - ax[i]);
                den += b.data()[i] * b.data()[i];
            }
            assertTrue(Math.sqrt(num / den) <= 1e-10 * 1.001, name);
        }
    }
}
