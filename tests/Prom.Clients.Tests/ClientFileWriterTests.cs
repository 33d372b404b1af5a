using System;
using System.Collections.Generic;
using System.IO;
using Prom.ClientFiles;
using Prom.Clients.Tests.Harness;
using Prom.Testing;
using Xunit;

namespace Prom.Clients.Tests;

public sealed class ClientFileWriterTests
{
    [Fact]
    public void SecondWriteOfTheSameFiles_RewritesNothing()
    {
        using Toolchain.TempFolder temp = Toolchain.Temp();
        var files = new Dictionary<string, string> { ["typescript/topics.ts"] = "export {};\n", ["python/p/topics.py"] = "X = 1\n" };
        ClientWriteResult first = ClientFileWriter.Write(files, temp.Path);
        Assert.Equal(new[] { "python/p/topics.py", "typescript/topics.ts" }, first.Written);

        string path = Path.Combine(temp.Path, "typescript", "topics.ts");
        var old = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, old);
        ClientWriteResult second = ClientFileWriter.Write(files, temp.Path);
        Assert.Empty(second.Written);
        Assert.Equal(2, second.Unchanged.Count);
        Assert.Equal(old, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void ChangedFile_IsRewritten_WithoutABom()
    {
        using Toolchain.TempFolder temp = Toolchain.Temp();
        ClientFileWriter.Write(new Dictionary<string, string> { ["a.ts"] = "1" }, temp.Path);
        ClientWriteResult result = ClientFileWriter.Write(new Dictionary<string, string> { ["a.ts"] = "é" }, temp.Path);
        Assert.Equal(new[] { "a.ts" }, result.Written);
        Assert.Equal(new byte[] { 0xC3, 0xA9 }, File.ReadAllBytes(Path.Combine(temp.Path, "a.ts")));
    }

    [Fact]
    public void FileNoLongerEmitted_IsDeleted_ButTheUsersOwnFilesAreKept()
    {
        using Toolchain.TempFolder temp = Toolchain.Temp();
        ClientFileWriter.Write(new Dictionary<string, string> { ["schemas/a.v1.schema.json"] = "{}", ["schemas/a.v2.schema.json"] = "{}" }, temp.Path);
        File.WriteAllText(Path.Combine(temp.Path, "schemas", "mine.json"), "{}");

        ClientWriteResult result = ClientFileWriter.Write(new Dictionary<string, string> { ["schemas/a.v2.schema.json"] = "{}" }, temp.Path);
        Assert.Equal(new[] { "schemas/a.v1.schema.json" }, result.Deleted);
        Assert.False(File.Exists(Path.Combine(temp.Path, "schemas", "a.v1.schema.json")));
        Assert.True(File.Exists(Path.Combine(temp.Path, "schemas", "mine.json")));
    }

    [Theory]
    [InlineData("../escape.ts")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../b.ts")]
    [InlineData("a\\b.ts")]
    [InlineData("")]
    public void PathLeavingTheFolder_IsRefused(string path)
    {
        using Toolchain.TempFolder temp = Toolchain.Temp();
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => ClientFileWriter.Write(new Dictionary<string, string> { [path] = "x" }, temp.Path));
        Assert.Contains("client file path", error.Message);
    }

    [Fact]
    public void AssemblyWithoutClientFiles_ReadsAsNull()
    {
        Assert.Null(EmbeddedClientFiles.Read(typeof(ClientFileWriterTests).Assembly.Location));
    }
}
