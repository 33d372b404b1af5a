using System.Runtime.Intrinsics;

namespace Prom.Ecs.Simd;

/// <summary>sqrt(x² + y²).</summary>
internal readonly struct Length2Op : IVectorOp
{
    public int Arity => 2;

    public float Scalar(float x, float y, float c) => System.MathF.Sqrt((x * x) + (y * y));

    public Vector128<float> Apply(Vector128<float> x, Vector128<float> y, Vector128<float> c) => Vector128.Sqrt((x * x) + (y * y));

    public Vector256<float> Apply(Vector256<float> x, Vector256<float> y, Vector256<float> c) => Vector256.Sqrt((x * x) + (y * y));

    public Vector512<float> Apply(Vector512<float> x, Vector512<float> y, Vector512<float> c) => Vector512.Sqrt((x * x) + (y * y));
}
