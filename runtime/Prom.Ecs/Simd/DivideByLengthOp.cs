using System.Runtime.Intrinsics;

namespace Prom.Ecs.Simd;

/// <summary>a / length when length &gt; 0, else a (inputs: a, length).</summary>
internal readonly struct DivideByLengthOp : IVectorOp
{
    public int Arity => 2;

    public float Scalar(float a, float length, float c) => length > 0f ? a / length : a;

    public Vector128<float> Apply(Vector128<float> a, Vector128<float> length, Vector128<float> c) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(length, Vector128<float>.Zero), a / length, a);

    public Vector256<float> Apply(Vector256<float> a, Vector256<float> length, Vector256<float> c) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(length, Vector256<float>.Zero), a / length, a);

    public Vector512<float> Apply(Vector512<float> a, Vector512<float> length, Vector512<float> c) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(length, Vector512<float>.Zero), a / length, a);
}
