// CUDA side of the common kernel dialect (see kf_opencl.h for the OpenCL side).
// gpu/scripts/build-ptx.sh prepends this header to each kernel source, writes the .cu and
// compiles it with nvcc -ptx -arch=compute_75. Launches use WG threads per block in x and one
// block row per KF_ROW in y.
#ifndef WG
#define WG 256
#endif
#define KF_KERNEL extern "C" __global__ void
#define KF_FN __device__ __forceinline__
#define KF_GLOBAL
#define KF_RESTRICT __restrict__
#define KF_SHARED(type, name, size) __shared__ type name[size]
#define KF_SHARED_PTR
#define KF_BARRIER() __syncthreads()
#define KF_GLOBAL_ID ((int) (blockIdx.x * blockDim.x + threadIdx.x))
#define KF_GLOBAL_SIZE ((int) (gridDim.x * blockDim.x))
#define KF_LOCAL_ID ((int) threadIdx.x)
#define KF_GROUP_ID ((int) blockIdx.x)
#define KF_ROW ((int) blockIdx.y)
#define KF_LOAD(ref) __ldg(&(ref))
#define KF_LONG long long
#define KF_UNROLL _Pragma("unroll")
