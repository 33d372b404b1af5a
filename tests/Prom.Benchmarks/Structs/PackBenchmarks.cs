using System;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Prom.Benchmarks.Structs;

/// <summary>A 20-byte record with no padding and no bool: the generated packer can block-copy it.</summary>
[Struct]
public partial struct Sample20
{
    public partial float X { get; set; }
    public partial float Y { get; set; }
    public partial float Z { get; set; }
    public partial uint Id { get; set; }
    public partial int Flags { get; set; }
}

/// <summary>A 20-byte record with a bool and a padding gap: packed field by field.</summary>
[Struct]
public partial struct Padded20
{
    public partial float X { get; set; }
    public partial float Y { get; set; }
    public partial float Z { get; set; }
    public partial ushort Kind { get; set; }
    public partial bool Ok { get; set; }
    public partial int Sequence { get; set; }
}

/// <summary>
/// Packing and unpacking 1M values of a 20-byte [Struct] against <c>MemoryMarshal.AsBytes</c> + copy of the same
/// array (the physical floor for little-endian on a little-endian machine), in the same run.
/// <c>dotnet run -c Release --project tests/Prom.Benchmarks -- --filter '*PackBenchmarks*'</c>
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PackBenchmarks
{
    private const int Count = 1_000_000;
    private Sample20[] _values = null!;
    private Padded20[] _padded = null!;
    private byte[] _bytes = null!;

    [GlobalSetup]
    public void Setup()
    {
        _values = new Sample20[Count];
        _padded = new Padded20[Count];
        for (int i = 0; i < Count; i++)
        {
            _values[i] = new Sample20 { X = i, Y = -i, Z = i * 0.5f, Id = (uint)i, Flags = i & 7 };
            _padded[i] = new Padded20 { X = i, Y = -i, Z = i * 0.5f, Kind = (ushort)i, Ok = (i & 1) == 0, Sequence = i };
        }
        _bytes = new byte[Count * 20];
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Pack")]
    public void Pack_MemoryMarshalCopy() => MemoryMarshal.AsBytes(_values.AsSpan()).CopyTo(_bytes);

    [Benchmark, BenchmarkCategory("Pack")]
    public void Pack_GeneratedLittleEndian() => Sample20.WriteAll(_values, _bytes);

    [Benchmark, BenchmarkCategory("Pack")]
    public void Pack_GeneratedBigEndian() => Sample20.WriteAll(_values, _bytes, bigEndian: true);

    [Benchmark, BenchmarkCategory("Pack")]
    public void Pack_GeneratedLittleEndian_BoolAndPadding() => Padded20.WriteAll(_padded, _bytes);

    [Benchmark(Baseline = true), BenchmarkCategory("Unpack")]
    public void Unpack_MemoryMarshalCopy() => _bytes.AsSpan().CopyTo(MemoryMarshal.AsBytes(_values.AsSpan()));

    [Benchmark, BenchmarkCategory("Unpack")]
    public void Unpack_GeneratedLittleEndian() => Sample20.ReadAll(_bytes, _values);

    [Benchmark, BenchmarkCategory("Unpack")]
    public void Unpack_GeneratedBigEndian() => Sample20.ReadAll(_bytes, _values, bigEndian: true);

    [Benchmark, BenchmarkCategory("Unpack")]
    public void Unpack_GeneratedLittleEndian_BoolAndPadding() => Padded20.ReadAll(_bytes, _padded);
}
