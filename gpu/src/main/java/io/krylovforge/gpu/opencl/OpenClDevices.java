package io.krylovforge.gpu.opencl;

import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;
import io.krylovforge.core.backend.BackendUnavailableException;
import java.nio.charset.StandardCharsets;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * Platform and device queries of the OpenCL runtime: the platforms and devices the ICD loader
 * reports, their names, types, memory sizes and whether they have double precision. Split from
 * {@link OpenClRuntime}, which opens one device and runs kernels on it.
 */
final class OpenClDevices {
    private OpenClDevices() {
    }

    static cl_platform_id[] platforms() {
        int[] count = new int[1];
        try {
            clGetPlatformIDs(0, null, count);
        } catch (CLException e) {
            // CL_PLATFORM_NOT_FOUND_KHR from the ICD loader: no vendor registered
            throw new BackendUnavailableException("opencl: no OpenCL platform (" + e.getMessage()
                    + "; is an ICD such as pocl-opencl-icd or the NVIDIA driver installed?)", e);
        }
        if (count[0] == 0) {
            throw new BackendUnavailableException("opencl: no OpenCL platform installed");
        }
        cl_platform_id[] ids = new cl_platform_id[count[0]];
        clGetPlatformIDs(ids.length, ids, null);
        return ids;
    }

    static cl_device_id[] devices(cl_platform_id platform) {
        int[] count = new int[1];
        try {
            clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
        } catch (CLException e) {
            return new cl_device_id[0]; // CL_DEVICE_NOT_FOUND
        }
        cl_device_id[] ids = new cl_device_id[count[0]];
        clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, ids.length, ids, null);
        return ids;
    }

    static boolean hasFp64(cl_device_id d) {
        return (" " + deviceString(d, CL_DEVICE_EXTENSIONS) + " ").contains(" cl_khr_fp64 ");
    }

    static String typeName(long type) {
        if ((type & CL_DEVICE_TYPE_GPU) != 0) {
            return "GPU";
        }
        if ((type & CL_DEVICE_TYPE_CPU) != 0) {
            return "CPU";
        }
        if ((type & CL_DEVICE_TYPE_ACCELERATOR) != 0) {
            return "ACCELERATOR";
        }
        return "OTHER";
    }

    static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(d, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        clGetPlatformInfo(p, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetPlatformInfo(p, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    static String cString(byte[] buf) {
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8).trim();
    }

    static long deviceLong(cl_device_id d, int param) {
        long[] v = new long[1];
        clGetDeviceInfo(d, param, Sizeof.cl_ulong, Pointer.to(v), null);
        return v[0];
    }
}
