package io.krylovforge.precond;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.PreconditionerFailedException;
import io.krylovforge.precond.factor.IncompleteLu0;
import org.junit.jupiter.api.Test;

class ErrorMessagesTest {
    /** A matrix-free operator as a user writes one: an anonymous class (empty simple name). */
    private static LinearOperator anonymousOperator(int n) {
        return new LinearOperator() {
            @Override
            public int rows() {
                return n;
            }

            @Override
            public int cols() {
                return n;
            }

            @Override
            public void apply(Vector x, Vector y) {
                y.copyFrom(x);
            }
        };
    }

    @Test
    void matrixFreeOperatorGivenToIlu0IsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IncompleteLu0().setUp(anonymousOperator(494)));
        String m = e.getMessage();
        assertTrue(m.contains("matrix-free operator " + ErrorMessagesTest.class.getName() + "$")
                && m.contains("(494x494)"), m);
    }

    /** A named matrix-free operator. */
    private static final class ShiftedIdentity implements LinearOperator {
        @Override
        public int rows() {
            return 3;
        }

        @Override
        public int cols() {
            return 3;
        }

        @Override
        public void apply(Vector x, Vector y) {
            y.copyFrom(x);
            y.scale(2.0);
        }
    }

    @Test
    void namedOperatorClassIsShownBySimpleName() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> new PointJacobi().setUp(new ShiftedIdentity())).getMessage();
        assertTrue(m.contains("got ShiftedIdentity (3x3)"), m);
    }

    @Test
    void zeroPivotNamesTheRowAsZeroBased() {
        CsrMatrix a = CsrMatrix.of(2, 2, new int[] {0, 1, 2}, new int[] {0, 1}, new double[] {1, 0});
        PreconditionerFailedException e = assertThrows(PreconditionerFailedException.class,
                () -> new PointJacobi().setUp(a));
        assertTrue(e.getMessage().contains("row 1 (0-based)"), e.getMessage());
    }
}
