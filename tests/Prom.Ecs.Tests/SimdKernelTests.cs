using System;
using Prom.Ecs.Simd;
using Xunit;

namespace Prom.Ecs.Tests;

public class SimdKernelTests
{
    public static readonly TheoryData<int> Lengths = new() { 0, 1, 7, 8, 9, 31, 1023 };

    private static readonly SimdLevel[] s_vectorLevels = { SimdLevel.V128, SimdLevel.V256, SimdLevel.V512, SimdLevel.Best };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void EveryKernel_IsBitIdenticalToItsScalarPath_AtEveryWidth(int length)
    {
        for (int seed = 0; seed < 4; seed++)
        {
            var random = new Random((length * 31) + seed);
            float[] a = Values(random, length, seed);
            float[] b = Values(random, length, seed);
            float[] c = Values(random, length, seed);
            float scale = (float)((random.NextDouble() * 4) - 2);

            foreach (SimdLevel level in s_vectorLevels)
            {
                Check(length, level, (d, l) => { a.CopyTo(d, 0); SoaKernels.Axpy(d, b, scale, l); }, "axpy");
                Check(length, level, (d, l) => SoaKernels.Add(d, a, b, l), "add");
                Check(length, level, (d, l) => SoaKernels.Multiply(d, a, b, l), "mul");
                Check(length, level, (d, l) => SoaKernels.MultiplyAdd(d, a, b, scale, l), "muladd");
                Check(length, level, (d, l) => SoaKernels.MultiplyAdd(d, new float[length], a, b, c, a, scale, l), "muladd2.x");
                Check(length, level, (d, l) => SoaKernels.MultiplyAdd(new float[length], d, a, b, c, a, scale, l), "muladd2.y");
                Check(length, level, (d, l) => SoaKernels.Clamp(d, a, -0.5f, 0.75f, l), "clamp");
                Check(length, level, (d, l) => SoaKernels.Length(d, a, b, l), "length2");
                Check(length, level, (d, l) => SoaKernels.Length(d, a, b, c, l), "length3");
                Check(length, level, (d, l) => SoaKernels.Normalize(a, b, d, new float[length], l), "normalize2.x");
                Check(length, level, (d, l) => SoaKernels.Normalize(a, b, new float[length], d, l), "normalize2.y");
                Check(length, level, (d, l) => SoaKernels.Normalize(a, b, c, new float[length], new float[length], d, l), "normalize3.z");
            }
        }
    }

    [Fact]
    public void MultiplyAdd2D_EqualsTwoOneColumnCalls()
    {
        var random = new Random(5);
        float[] x = Values(random, 1001, 0), y = Values(random, 1001, 0), dx = Values(random, 1001, 0), dy = Values(random, 1001, 0);
        float[] xOut = new float[1001], yOut = new float[1001], xRef = new float[1001], yRef = new float[1001];
        SoaKernels.MultiplyAdd(xOut, yOut, x, y, dx, dy, 0.016f);
        SoaKernels.MultiplyAdd(xRef, x, dx, 0.016f);
        SoaKernels.MultiplyAdd(yRef, y, dy, 0.016f);
        Assert.Equal(xRef, xOut);
        Assert.Equal(yRef, yOut);
    }

    [Fact]
    public void Normalize_InPlace_MatchesOutOfPlace_AndLeavesZeroVectorsAlone()
    {
        float[] x = { 3, 0, -1, 1e-20f, 5, 6, 7, 8, 9 };
        float[] y = { 4, 0, 0, 0, 12, 8, 24, 15, 40 };
        float[] xOut = new float[x.Length];
        float[] yOut = new float[y.Length];
        SoaKernels.Normalize(x, y, xOut, yOut);
        SoaKernels.Normalize(x, y, x, y);
        Assert.Equal(xOut, x);
        Assert.Equal(yOut, y);
        Assert.Equal(0.6f, x[0]);
        Assert.Equal(0.8f, y[0]);
        Assert.Equal(0f, x[1]);
        Assert.Equal(0f, y[1]);
    }

    [Fact]
    public void Kernels_RejectSpansOfDifferentLengths_AndBadClampBounds()
    {
        Assert.Throws<ArgumentException>(() => SoaKernels.Add(new float[3], new float[3], new float[4]));
        Assert.Throws<ArgumentException>(() => SoaKernels.Clamp(new float[3], new float[3], 1, 0));
    }

    private static void Check(int length, SimdLevel level, Action<float[], SimdLevel> kernel, string name)
    {
        float[] expected = new float[length];
        float[] actual = new float[length];
        kernel(expected, SimdLevel.Scalar);
        kernel(actual, level);
        for (int i = 0; i < length; i++)
        {
            int e = BitConverter.SingleToInt32Bits(expected[i]);
            int a = BitConverter.SingleToInt32Bits(actual[i]);
            Assert.True(e == a, $"{name} at {level}, length {length}, index {i}: scalar {expected[i]:R} vs vector {actual[i]:R}");
        }
    }

    private static float[] Values(Random random, int length, int seed)
    {
        float[] values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() * 20) - 10);
            if (seed == 3)
            {
                // Edge values: zeros, negative zero, NaN, infinities, subnormals, huge values.
                values[i] = (i % 9) switch
                {
                    0 => 0f,
                    1 => -0f,
                    2 => float.NaN,
                    3 => float.PositiveInfinity,
                    4 => float.NegativeInfinity,
                    5 => float.Epsilon,
                    6 => 3e38f,
                    _ => values[i],
                };
            }
        }

        return values;
    }
}
