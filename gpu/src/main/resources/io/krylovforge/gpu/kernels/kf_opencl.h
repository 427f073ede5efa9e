// OpenCL side of the common kernel dialect (see kf_cuda.h for the CUDA side). Every KrylovForge
// kernel is written once in plain C with these macros; OpenClRuntime prepends this header to the
// source and compiles it at run time with -DWG=<work-group size>.
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#define KF_KERNEL __kernel void
#define KF_FN inline
#define KF_GLOBAL __global
#define KF_RESTRICT restrict
#define KF_SHARED(type, name, size) __local type name[size]
#define KF_SHARED_PTR __local
#define KF_BARRIER() barrier(CLK_LOCAL_MEM_FENCE)
#define KF_GLOBAL_ID ((int) get_global_id(0))
#define KF_GLOBAL_SIZE ((int) get_global_size(0))
#define KF_LOCAL_ID ((int) get_local_id(0))
#define KF_GROUP_ID ((int) get_group_id(0))
#define KF_ROW ((int) get_global_id(1))
#define KF_LOAD(ref) (ref)
#define KF_LONG long
#define KF_UNROLL _Pragma("unroll")
