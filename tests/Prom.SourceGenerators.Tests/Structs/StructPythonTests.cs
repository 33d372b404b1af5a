using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Prom.Testing;
using Xunit;

namespace Prom.SourceGenerators.Tests.Structs;

/// <summary>The generated descriptors, checked by a real Python with numpy reading bytes packed by generated code.</summary>
public sealed class StructPythonTests : IClassFixture<PackFixture>
{
    private readonly PackFixture _fixture;

    public StructPythonTests(PackFixture fixture) => _fixture = fixture;

    [Fact]
    public void Numpy_ReadsPackedTrailsWithTheGeneratedDtype()
    {
        const int count = 5;
        byte[] packed = _fixture.Call<byte[]>("PackTrails", count);
        StructLayoutInfo layout = _fixture.Layout("Trail");
        string path = Path.Combine(Path.GetTempPath(), $"prom-trails-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, packed);
        try
        {
            string script = """
                import json, struct, sys
                import numpy as np
                request = json.loads(sys.stdin.read())
                dtype = np.dtype(request["dtype"])
                data = open(request["path"], "rb").read()
                records = np.frombuffer(data, dtype=dtype)
                first = struct.unpack_from(request["format"], data, 0)
                print(json.dumps({
                    "itemsize": dtype.itemsize,
                    "count": len(records),
                    "pts_3_y": [float(v) for v in records["pts_3_y"]],
                    "pts_7_x": [float(v) for v in records["pts_7_x"]],
                    "active": [bool(v) for v in records["active"]],
                    "calcsize": struct.calcsize(request["format"]),
                    "first": [float(v) for v in first],
                }))
                """;
            string request = JsonSerializer.Serialize(new
            {
                dtype = JsonDocument.Parse(layout.NumpyDtypeLittleEndian).RootElement,
                path,
                format = layout.PythonStructFormat(),
            });
            var (exitCode, stdout, stderr) = PythonLocator.Run(PythonLocator.WithNumpy, script, TimeSpan.FromSeconds(60), request);
            Assert.True(exitCode == 0, "python failed: " + stderr);

            using JsonDocument result = JsonDocument.Parse(stdout);
            JsonElement root = result.RootElement;
            Assert.Equal(68, root.GetProperty("itemsize").GetInt32());
            Assert.Equal(count, root.GetProperty("count").GetInt32());
            Assert.Equal(Enumerable.Range(0, count).Select(i => -i * 0.5 - 3), root.GetProperty("pts_3_y").EnumerateArray().Select(v => v.GetDouble()));
            Assert.Equal(Enumerable.Range(0, count).Select(i => (double)(i + 7)), root.GetProperty("pts_7_x").EnumerateArray().Select(v => v.GetDouble()));
            Assert.Equal(Enumerable.Range(0, count).Select(i => i % 2 == 0), root.GetProperty("active").EnumerateArray().Select(v => v.GetBoolean()));
            Assert.Equal(68, root.GetProperty("calcsize").GetInt32());
            double[] first = root.GetProperty("first").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(17, first.Length); // 16 floats and the bool
            Assert.Equal(new double[] { 0, 0, 1, -1, 2, -2 }, first.Take(6));
            Assert.Equal(1.0, first[16]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void JsonSchema_DescribesNestedArraysAndScalars()
    {
        using JsonDocument schema = JsonDocument.Parse(_fixture.Layout("Trail").JsonSchema);
        JsonElement properties = schema.RootElement.GetProperty("properties");
        JsonElement pts = properties.GetProperty("pts");
        Assert.Equal("array", pts.GetProperty("type").GetString());
        Assert.Equal(8, pts.GetProperty("minItems").GetInt32());
        Assert.Equal(8, pts.GetProperty("maxItems").GetInt32());
        Assert.Equal("number", pts.GetProperty("items").GetProperty("properties").GetProperty("y").GetProperty("type").GetString());
        Assert.Equal("boolean", properties.GetProperty("active").GetProperty("type").GetString());

        using JsonDocument header = JsonDocument.Parse(_fixture.Layout("Header").JsonSchema);
        JsonElement length = header.RootElement.GetProperty("properties").GetProperty("length");
        Assert.Equal(4294967295, length.GetProperty("maximum").GetInt64());
        Assert.Equal(new[] { "version", "length", "scale", "flags", "stamp", "id" },
            header.RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void NumpyDtype_ListsFormatsOffsetsAndItemsizeInBothByteOrders()
    {
        using JsonDocument little = JsonDocument.Parse(_fixture.Layout("Header").NumpyDtypeLittleEndian);
        using JsonDocument big = JsonDocument.Parse(_fixture.Layout("Header").NumpyDtypeBigEndian);
        Assert.Equal(new[] { "|u1", "<u4", "<f2", "|b1", "|b1", "|b1", "<f8", "<i8" }, little.RootElement.GetProperty("formats").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(">u4", big.RootElement.GetProperty("formats")[1].GetString());
        Assert.Equal(new[] { 0, 4, 8, 10, 11, 12, 16, 24 }, little.RootElement.GetProperty("offsets").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(40, little.RootElement.GetProperty("itemsize").GetInt32());
    }
}
