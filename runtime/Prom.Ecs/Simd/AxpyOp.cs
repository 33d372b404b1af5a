using System.Runtime.Intrinsics;

namespace Prom.Ecs.Simd;

/// <summary>y + a·x (inputs: y, x).</summary>
internal readonly struct AxpyOp(float scale) : IVectorOp
{
    public int Arity => 2;

    public float Scalar(float y, float x, float c) => y + (scale * x);

    public Vector128<float> Apply(Vector128<float> y, Vector128<float> x, Vector128<float> c) => y + (Vector128.Create(scale) * x);

    public Vector256<float> Apply(Vector256<float> y, Vector256<float> x, Vector256<float> c) => y + (Vector256.Create(scale) * x);

    public Vector512<float> Apply(Vector512<float> y, Vector512<float> x, Vector512<float> c) => y + (Vector512.Create(scale) * x);
}
