using System.Runtime.Intrinsics;

namespace Prom.Ecs.Simd;

/// <summary>a + b·s (an integration step: next = prev + velocity·dt).</summary>
internal readonly struct MultiplyAddOp(float scale) : IVectorOp
{
    public int Arity => 2;

    public float Scalar(float a, float b, float c) => a + (b * scale);

    public Vector128<float> Apply(Vector128<float> a, Vector128<float> b, Vector128<float> c) => a + (b * Vector128.Create(scale));

    public Vector256<float> Apply(Vector256<float> a, Vector256<float> b, Vector256<float> c) => a + (b * Vector256.Create(scale));

    public Vector512<float> Apply(Vector512<float> a, Vector512<float> b, Vector512<float> c) => a + (b * Vector512.Create(scale));
}
