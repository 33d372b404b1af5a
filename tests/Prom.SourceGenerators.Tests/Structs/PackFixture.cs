using System;
using Prom.Testing;

namespace Prom.SourceGenerators.Tests.Structs;

/// <summary>Compiles the structs the pack/unpack tests use, with probes written the way a user writes code.</summary>
public sealed class PackFixture : IDisposable
{
    public const string Source = """
        namespace Packing;
        [Struct] public partial struct Word { public partial uint Value { get; set; } }
        [Struct] public partial struct Position { public partial float X { get; set; } public partial float Y { get; set; } }
        [Struct] public partial struct Trail { [Length(8)] public partial Span<Position> Pts { get; } public partial bool Active { get; set; } }
        [Struct(TrailingPadding = 2)] public partial struct Header
        {
            public partial byte Version { get; set; }
            [Pad(3)] public partial uint Length { get; set; }
            public partial Half Scale { get; set; }
            [Length(3)] public partial Span<bool> Flags { get; }
            public partial double Stamp { get; set; }
            public partial long Id { get; set; }
        }

        public static class Probe
        {
            public static byte[] PackWord(uint value, bool bigEndian)
            {
                var bytes = new byte[4];
                Word.Write(new Word { Value = value }, bytes, bigEndian);
                return bytes;
            }

            public static Trail MakeTrail(int seed)
            {
                Trail t = default;
                for (int i = 0; i < 8; i++) { t.Pts[i].X = seed + i; t.Pts[i].Y = -seed * 0.5f - i; }
                t.Active = seed % 2 == 0;
                return t;
            }

            public static Header MakeHeader(int seed)
            {
                Header h = default;
                h.Version = (byte)seed; h.Length = 0xA1B2C3D4u + (uint)seed; h.Scale = (Half)(seed / 4.0); h.Stamp = seed * 1.25; h.Id = -1234567890123L * seed;
                h.Flags[0] = true; h.Flags[2] = seed % 2 == 1;
                return h;
            }

            public static string Describe(Header h) => $"{h.Version} {h.Length:X} {h.Scale} {h.Flags[0]} {h.Flags[1]} {h.Flags[2]} {h.Stamp} {h.Id}";

            public static string Describe(Trail t)
            {
                var parts = new System.Collections.Generic.List<string>();
                for (int i = 0; i < 8; i++) parts.Add($"{t.Pts[i].X},{t.Pts[i].Y}");
                return string.Join(" ", parts) + " " + t.Active;
            }

            public static byte[] PackHeader(int seed, bool bigEndian, byte fill)
            {
                var bytes = new byte[Header.Layout.Size];
                Array.Fill(bytes, fill);
                Header.Write(MakeHeader(seed), bytes, bigEndian);
                return bytes;
            }

            public static string RoundTripHeader(int seed, bool bigEndian)
            {
                var bytes = new byte[Header.Layout.Size];
                Header.Write(MakeHeader(seed), bytes, bigEndian);
                return Describe(Header.Read(bytes, bigEndian));
            }

            public static string[] RoundTripTrails(int count, bool bigEndian)
            {
                var values = new Trail[count];
                for (int i = 0; i < count; i++) values[i] = MakeTrail(i);
                var bytes = new byte[count * Trail.Layout.Size];
                Trail.WriteAll(values, bytes, bigEndian);
                var back = new Trail[count];
                Trail.ReadAll(bytes, back, bigEndian);
                var result = new string[count];
                for (int i = 0; i < count; i++) result[i] = Describe(back[i]) == Describe(values[i]) ? "same" : Describe(back[i]) + " != " + Describe(values[i]);
                return result;
            }

            public static byte[] PackTrails(int count)
            {
                var values = new Trail[count];
                for (int i = 0; i < count; i++) values[i] = MakeTrail(i);
                var bytes = new byte[count * Trail.Layout.Size];
                Trail.WriteAll(values, bytes);
                return bytes;
            }

            public static string[] RoundTripPositions(int count, bool bigEndian)
            {
                var values = new Position[count];
                for (int i = 0; i < count; i++) values[i] = new Position { X = i, Y = -i };
                var bytes = new byte[count * 8];
                Position.WriteAll(values, bytes, bigEndian);
                var back = new Position[count];
                Position.ReadAll(bytes, back, bigEndian);
                return new[] { Convert.ToHexString(bytes, 8, 8), back[count - 1].X + "," + back[count - 1].Y };
            }

            public static bool ReadActive(byte activeByte)
            {
                var bytes = new byte[Trail.Layout.Size];
                bytes[64] = activeByte;
                return Trail.Read(bytes).Active;
            }

            public static void WriteIntoShortBuffer() => Trail.Write(default, new byte[10]);

            public static void ReadAllFromShortBuffer() => Trail.ReadAll(new byte[100], new Trail[2]);
        }
        """;

    public PackFixture() => Assembly = StructTestSource.Compile(Source).AssertClean().Load();

    public LoadedAssembly Assembly { get; }

    public T Call<T>(string method, params object?[] args) => Assembly.Invoke<T>("Packing.Probe", method, args);

    public StructLayoutInfo Layout(string typeName) => Assembly.StaticProperty<StructLayoutInfo>("Packing." + typeName, "Layout");

    public void Dispose() => Assembly.Dispose();
}
