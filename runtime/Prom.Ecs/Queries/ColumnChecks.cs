using System;
using System.Diagnostics.CodeAnalysis;

namespace Prom.Ecs;

/// <summary>Cold throw helpers of the column accessors, kept out of the inlined hot paths.</summary>
internal static class ColumnChecks
{
    [DoesNotReturn]
    internal static unsafe void ThrowBadLeaf<T, TScalar>(int leaf, int leafCount)
        where T : unmanaged, IStruct<T>
        where TScalar : unmanaged
    {
        if ((uint)leaf >= (uint)leafCount)
        {
            throw new ArgumentOutOfRangeException(nameof(leaf), leaf, $"{typeof(T).Name} has {leafCount} leaves.");
        }

        StructLeaf info = T.Layout.Leaves[leaf];
        throw new ArgumentException(
            $"Leaf '{info.Path}' of {typeof(T).Name} is a {info.Size}-byte {info.Kind}; {typeof(TScalar).Name} is {sizeof(TScalar)} bytes.",
            nameof(TScalar));
    }
}
