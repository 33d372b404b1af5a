using System.Runtime.Intrinsics;

namespace Prom.Ecs.Simd;

/// <summary>
/// An element-wise operation with up to three float inputs, written once per width. Implemented by small structs so
/// the JIT specializes and inlines each kernel loop (no virtual calls). The scalar method is the reference: every
/// vector method performs the same IEEE operations in the same order, so the results are bit-identical.
/// </summary>
internal interface IVectorOp
{
    /// <summary>How many inputs the operation reads (1 to 3); a constant of each implementing struct.</summary>
    int Arity { get; }

    float Scalar(float a, float b, float c);

    Vector128<float> Apply(Vector128<float> a, Vector128<float> b, Vector128<float> c);

    Vector256<float> Apply(Vector256<float> a, Vector256<float> b, Vector256<float> c);

    Vector512<float> Apply(Vector512<float> a, Vector512<float> b, Vector512<float> c);
}
