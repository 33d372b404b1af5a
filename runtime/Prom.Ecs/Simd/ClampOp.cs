using System.Runtime.Intrinsics;

namespace Prom.Ecs.Simd;

/// <summary>min if a &lt; min, else max if a &gt; max, else a (NaN stays NaN).</summary>
internal readonly struct ClampOp(float min, float max) : IVectorOp
{
    public int Arity => 1;

    public float Scalar(float a, float b, float c)
    {
        float low = a < min ? min : a;
        return low > max ? max : low;
    }

    public Vector128<float> Apply(Vector128<float> a, Vector128<float> b, Vector128<float> c)
    {
        Vector128<float> lo = Vector128.Create(min);
        Vector128<float> hi = Vector128.Create(max);
        Vector128<float> low = Vector128.ConditionalSelect(Vector128.LessThan(a, lo), lo, a);
        return Vector128.ConditionalSelect(Vector128.GreaterThan(low, hi), hi, low);
    }

    public Vector256<float> Apply(Vector256<float> a, Vector256<float> b, Vector256<float> c)
    {
        Vector256<float> lo = Vector256.Create(min);
        Vector256<float> hi = Vector256.Create(max);
        Vector256<float> low = Vector256.ConditionalSelect(Vector256.LessThan(a, lo), lo, a);
        return Vector256.ConditionalSelect(Vector256.GreaterThan(low, hi), hi, low);
    }

    public Vector512<float> Apply(Vector512<float> a, Vector512<float> b, Vector512<float> c)
    {
        Vector512<float> lo = Vector512.Create(min);
        Vector512<float> hi = Vector512.Create(max);
        Vector512<float> low = Vector512.ConditionalSelect(Vector512.LessThan(a, lo), lo, a);
        return Vector512.ConditionalSelect(Vector512.GreaterThan(low, hi), hi, low);
    }
}
