package dev.braid.compute;

import static org.jocl.CL.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OpenCL device, context, command queue and compiled program per JVM, shared by every {@link OpenClBackend}
 * (compiling the kernels costs about a second on PoCL). Chooses the first GPU or accelerator, else the first
 * device of any type. When anything fails, {@link #ok()} is false and {@link #failure()} says why.
 */
final class OpenClDevice {
    private static final Logger log = LoggerFactory.getLogger(OpenClDevice.class);
    private static volatile OpenClDevice shared;

    final cl_context context;
    final cl_command_queue queue;
    final cl_kernel matvec;
    final cl_kernel matmul;
    final cl_kernel l2norm;
    final cl_kernel weightedSum;
    final cl_kernel attnWeights;
    final cl_kernel attnOutput;
    final cl_kernel topkChunks;
    final int tile;
    private final String description;
    private final String failure;

    static OpenClDevice shared() {
        OpenClDevice d = shared;
        if (d == null) {
            synchronized (OpenClDevice.class) {
                d = shared;
                if (d == null) {
                    d = new OpenClDevice();
                    shared = d;
                }
            }
        }
        return d;
    }

    private OpenClDevice() {
        cl_context ctx = null;
        cl_command_queue q = null;
        cl_kernel[] k = new cl_kernel[7];
        int ts = 16;
        String desc = "";
        String why = "";
        try {
            CL.setExceptionsEnabled(true);
            int[] count = new int[1];
            clGetPlatformIDs(0, null, count);
            if (count[0] == 0) {
                throw new IllegalStateException("no OpenCL platform (install an ICD, e.g. pocl-opencl-icd)");
            }
            cl_platform_id[] platforms = new cl_platform_id[count[0]];
            clGetPlatformIDs(platforms.length, platforms, null);
            cl_platform_id platform = null;
            cl_device_id device = null;
            for (long type : new long[] {CL_DEVICE_TYPE_GPU | CL_DEVICE_TYPE_ACCELERATOR, CL_DEVICE_TYPE_ALL}) {
                for (cl_platform_id p : platforms) {
                    int[] n = new int[1];
                    try {
                        clGetDeviceIDs(p, type, 0, null, n);
                    } catch (org.jocl.CLException e) {
                        continue; // CL_DEVICE_NOT_FOUND
                    }
                    if (n[0] > 0) {
                        cl_device_id[] ds = new cl_device_id[n[0]];
                        clGetDeviceIDs(p, type, n[0], ds, null);
                        platform = p;
                        device = ds[0];
                        break;
                    }
                }
                if (device != null) {
                    break;
                }
            }
            if (device == null) {
                throw new IllegalStateException(platforms.length + " OpenCL platform(s) but no device");
            }
            desc = infoString(platform, device);
            long[] wg = new long[1];
            clGetDeviceInfo(device, CL_DEVICE_MAX_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(wg), null);
            ts = wg[0] >= 256 ? 16 : 8;
            cl_context_properties props = new cl_context_properties();
            props.addProperty(CL_CONTEXT_PLATFORM, platform);
            ctx = clCreateContext(props, 1, new cl_device_id[] {device}, null, null, null);
            q = clCreateCommandQueue(ctx, device, 0, null);
            cl_program program = clCreateProgramWithSource(ctx, 1, new String[] {source()}, null, null);
            try {
                clBuildProgram(program, 0, null, "-D TS=" + ts + " -cl-mad-enable", null, null);
            } catch (org.jocl.CLException e) {
                throw new IllegalStateException("kernel build failed: " + buildLog(program, device), e);
            }
            String[] names = {"matvec", "matmul", "l2norm", "weighted_sum", "attn_weights", "attn_output",
                    "topk_chunks"};
            for (int i = 0; i < names.length; i++) {
                k[i] = clCreateKernel(program, names[i], null);
            }
            log.info("OpenCL backend on {}", desc);
        } catch (Throwable e) { // no libOpenCL (LinkageError), no platform, build failure...
            why = e.getMessage() == null ? e.toString() : e.getMessage();
            log.info("OpenCL backend unavailable: {}", why);
            ctx = null;
            q = null;
        }
        this.context = ctx;
        this.queue = q;
        this.matvec = k[0];
        this.matmul = k[1];
        this.l2norm = k[2];
        this.weightedSum = k[3];
        this.attnWeights = k[4];
        this.attnOutput = k[5];
        this.topkChunks = k[6];
        this.tile = ts;
        this.description = desc;
        this.failure = why;
    }

    boolean ok() {
        return queue != null && topkChunks != null;
    }

    String failure() {
        return failure;
    }

    String description() {
        return description;
    }

    private static String source() throws IOException {
        try (InputStream in = OpenClDevice.class.getResourceAsStream("kernels.cl")) {
            if (in == null) {
                throw new IOException("kernels.cl missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String infoString(cl_platform_id platform, cl_device_id device) {
        List<String> parts = new ArrayList<>();
        long[] size = new long[1];
        clGetPlatformInfo(platform, CL_PLATFORM_NAME, 0, null, size);
        byte[] b = new byte[(int) size[0]];
        clGetPlatformInfo(platform, CL_PLATFORM_NAME, b.length, Pointer.to(b), null);
        parts.add(new String(b, 0, Math.max(0, b.length - 1), StandardCharsets.UTF_8));
        clGetDeviceInfo(device, CL_DEVICE_NAME, 0, null, size);
        b = new byte[(int) size[0]];
        clGetDeviceInfo(device, CL_DEVICE_NAME, b.length, Pointer.to(b), null);
        parts.add(new String(b, 0, Math.max(0, b.length - 1), StandardCharsets.UTF_8));
        return String.join(" / ", parts);
    }

    private static String buildLog(cl_program program, cl_device_id device) {
        long[] size = new long[1];
        clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] b = new byte[(int) size[0]];
        clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, b.length, Pointer.to(b), null);
        return new String(b, StandardCharsets.UTF_8).trim();
    }
}
