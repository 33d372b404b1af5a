using System.Runtime.Intrinsics;

namespace Prom.Ecs.Simd;

/// <summary>a + b.</summary>
internal readonly struct AddOp : IVectorOp
{
    public int Arity => 2;

    public float Scalar(float a, float b, float c) => a + b;

    public Vector128<float> Apply(Vector128<float> a, Vector128<float> b, Vector128<float> c) => a + b;

    public Vector256<float> Apply(Vector256<float> a, Vector256<float> b, Vector256<float> c) => a + b;

    public Vector512<float> Apply(Vector512<float> a, Vector512<float> b, Vector512<float> c) => a + b;
}
