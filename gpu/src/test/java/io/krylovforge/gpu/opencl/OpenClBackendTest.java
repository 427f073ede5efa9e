package io.krylovforge.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.backend.BackendUnavailableException;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.gpu.DeviceBackendContract;
import io.krylovforge.gpu.DeviceExtension;
import io.krylovforge.gpu.DeviceOutOfMemoryException;
import io.krylovforge.gpu.FaultyRuntime;
import io.krylovforge.gpu.KernelBackend;
import io.krylovforge.gpu.ReleaseStack;
import io.krylovforge.gpu.SpmvKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The device contract on the first OpenCL GPU with fp64, else the first OpenCL device with fp64
 * (PoCL on build machines and CI); {@code -Dkrylovforge.opencl=P:D} picks one. Skipped with the reason when
 * there is none.
 */
@ExtendWith(DeviceExtension.OpenCl.class)
class OpenClBackendTest extends DeviceBackendContract {
    @Test
    void kernelChoiceFollowsRowLength() {
        assertEquals(SpmvKernel.SCALAR, backend().upload(Stencils.laplacian2d(10, 10)).kernel());
        assertEquals(SpmvKernel.VECTOR, backend().upload(irregular(50, 1), SpmvKernel.VECTOR).kernel());
        assertTrue(backend().groupSize() >= 32 && Integer.bitCount(backend().groupSize()) == 1);
    }

    @Test
    void missingDeviceIndexIsAClearError() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> OpenClRuntime.open(0, 99));
        assertTrue(e.getMessage().contains("no device 99"), e.getMessage());
        e = assertThrows(BackendUnavailableException.class, () -> OpenClRuntime.open(42, 0));
        assertTrue(e.getMessage().contains("no platform 42"), e.getMessage());
    }

    @Test
    void tooLargeAllocationReportsTheBytes() {
        DeviceOutOfMemoryException e = assertThrows(DeviceOutOfMemoryException.class,
                () -> backend().zeros(Integer.MAX_VALUE));
        assertEquals(8L * Integer.MAX_VALUE, e.bytes());
        assertTrue(e.getMessage().contains(Long.toString(8L * Integer.MAX_VALUE)), e.getMessage());
    }

    @Test
    void closedBackendRefusesWork() {
        KernelBackend other = new OpenClProvider().open(backend().spec().substring("opencl:".length()));
        var v = other.of(new double[] {1, 2, 3});
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> backend().zeros(3).dot(v));
        assertTrue(foreign.getMessage().contains("another OpenCL context"), foreign.getMessage());
        other.close();
        other.close(); // idempotent
        IllegalStateException e = assertThrows(IllegalStateException.class, v::norm2);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void everyFailureWhileOpeningReleasesWhatWasMade() {
        String[] pd = backend().spec().split(":");
        int p = Integer.parseInt(pd[1]);
        int d = Integer.parseInt(pd[2]);
        ReleaseStack all = new ReleaseStack();
        OpenClRuntime.open(p, d, all).close();
        int made = all.pushed();
        assertTrue(made >= 4, "context, queue, program and partial sums at least, got " + made);
        assertEquals(0, all.size());
        for (int k = 1; k <= made; k++) {
            ReleaseStack failing = ReleaseStack.failingAfter(k);
            assertThrows(ReleaseStack.InjectedFailure.class, () -> OpenClRuntime.open(p, d, failing));
            assertEquals(0, failing.size(), "handles left after a failure at handle " + k);
            assertEquals(k, failing.pushed());
        }
    }

    @Test
    void aFailedUploadKeepsNothing() {
        FaultyRuntime faulty = new FaultyRuntime(backend().runtime());
        KernelBackend dev = new KernelBackend(faulty);
        CsrMatrix a = Stencils.laplacian2d(9, 7);
        int before = faulty.live();
        for (int k = 1; k <= 3; k++) { // row pointers, column indices, values
            faulty.failAt(k);
            assertThrows(DeviceOutOfMemoryException.class, () -> dev.upload(a));
            assertEquals(before, faulty.live(), "buffers left after a failure at upload " + k);
        }
        faulty.failAt(0);
        double[] y = new double[a.rows()];
        dev.upload(a).apply(new double[a.rows()], y); // still usable afterwards
        assertEquals(before, faulty.live());
    }

    @Test
    void aFailedBackendSetUpClosesItsRuntime() {
        FaultyRuntime faulty = new FaultyRuntime(backend().runtime());
        faulty.failAt(4);
        assertThrows(DeviceOutOfMemoryException.class, () -> new KernelBackend(faulty));
        assertEquals(1, faulty.closeCalls());
    }
}
