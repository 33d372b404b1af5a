using System;
using System.IO;
using System.Linq;

namespace Prom.Sample;

/// <summary>[Struct]: write a binary file of records, read it back, and print what Python needs to read it.</summary>
internal static class StructDemo
{
    public static Reading[] Run(string outputDirectory)
    {
        const int count = 1000;
        var readings = new Reading[count];
        for (int i = 0; i < count; i++)
        {
            ref Reading r = ref readings[i];
            r.TimestampMs = 1_700_000_000_000UL + (ulong)(i * 10);
            r.SensorId = (ushort)(i % 7);
            r.Ok = i % 13 != 0;
            r.Acceleration[0] = MathF.Sin(i * 0.01f);
            r.Acceleration[1] = MathF.Cos(i * 0.01f);
            r.Acceleration[2] = 9.81f;
            r.Pos.X = i;
            r.Pos.Y = -0.5f * i;
            r.Temperature = (Half)(20 + (i % 50) * 0.25);
        }

        string path = Path.Combine(outputDirectory, "readings.bin");
        byte[] bytes = new byte[count * Reading.Layout.Size];
        Reading.WriteAll(readings, bytes);
        File.WriteAllBytes(path, bytes);

        var back = new Reading[count];
        Reading.ReadAll(File.ReadAllBytes(path), back);
        int mismatches = Enumerable.Range(0, count).Count(i => !Same(readings[i], back[i]));
        if (mismatches > 0) throw new InvalidOperationException($"{mismatches} records did not round-trip through {path}");

        StructLayoutInfo layout = Reading.Layout;
        Console.WriteLine($"[Struct] Reading: {layout.Size} bytes, alignment {layout.Alignment}, {layout.Leaves.Count} leaves");
        foreach (StructLeaf leaf in layout.Leaves)
        {
            Console.WriteLine($"  {leaf.Offset,3}  {leaf.Size}  {leaf.Kind,-8} {leaf.Path,-16} column {leaf.Column}");
        }
        Console.WriteLine($"wrote {count} records ({bytes.Length:N0} bytes) to {path}; read back {count}, 0 mismatches");
        Console.WriteLine();
        Console.WriteLine("Read it from Python with numpy (memory-mapped, no copy):");
        Console.WriteLine("  import json, numpy as np");
        Console.WriteLine($"  dtype = np.dtype(json.loads('{layout.NumpyDtypeLittleEndian}'))");
        Console.WriteLine($"  readings = np.memmap('{path}', dtype=dtype, mode='r')");
        Console.WriteLine("or record by record with the struct module:");
        Console.WriteLine($"  struct.unpack_from('{layout.PythonStructFormat()}', data, i * {layout.Size})");
        return back;
    }

    private static bool Same(Reading a, Reading b) =>
        a.TimestampMs == b.TimestampMs && a.SensorId == b.SensorId && a.Ok == b.Ok &&
        a.Acceleration.SequenceEqual(b.Acceleration) && a.Pos.X == b.Pos.X && a.Pos.Y == b.Pos.Y && a.Temperature == b.Temperature;
}
