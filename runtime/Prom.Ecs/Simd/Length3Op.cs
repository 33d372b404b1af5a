using System.Runtime.Intrinsics;

namespace Prom.Ecs.Simd;

/// <summary>sqrt(x² + y² + z²) (z = 0 contributes nothing for the 2-D length; see <see cref="Length2Op"/>).</summary>
internal readonly struct Length3Op : IVectorOp
{
    public int Arity => 3;

    public float Scalar(float x, float y, float z) => System.MathF.Sqrt((x * x) + (y * y) + (z * z));

    public Vector128<float> Apply(Vector128<float> x, Vector128<float> y, Vector128<float> z) => Vector128.Sqrt((x * x) + (y * y) + (z * z));

    public Vector256<float> Apply(Vector256<float> x, Vector256<float> y, Vector256<float> z) => Vector256.Sqrt((x * x) + (y * y) + (z * z));

    public Vector512<float> Apply(Vector512<float> x, Vector512<float> y, Vector512<float> z) => Vector512.Sqrt((x * x) + (y * y) + (z * z));
}
