using System;
using System.Collections.Generic;

namespace Prom.Bridge.Arrays;

/// <summary>Shape arithmetic with clear errors.</summary>
internal static class Shapes
{
    public static long Count(IReadOnlyList<int> shape)
    {
        long count = 1;
        foreach (int dim in shape)
        {
            if (dim < 0)
            {
                throw new ArgumentException($"A shape dimension must not be negative: [{string.Join(", ", shape)}].");
            }

            count = checked(count * dim);
        }

        return count;
    }

    public static void CheckCount(IReadOnlyList<int> shape, long expected)
    {
        long count = Count(shape);
        if (count != expected)
        {
            throw new ArgumentException($"The shape [{string.Join(", ", shape)}] has {count} elements, but the data has {expected}.");
        }
    }
}
