using System;
using System.IO;
using System.Security.Cryptography;

namespace Prom.Bus.Gateway.Dashboard;

/// <summary>
/// One file of the dashboard, read once from the assembly's embedded resources (the files under
/// <c>Dashboard/wwwroot</c>), with its content type and a strong ETag of its bytes.
/// </summary>
internal sealed class DashboardAsset
{
    private DashboardAsset(string name, string contentType, byte[] bytes)
    {
        Name = name;
        ContentType = contentType;
        Bytes = bytes;
        ETag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12)) + "\"";
    }

    /// <summary>File name under the dashboard's path, e.g. <c>dashboard.js</c>.</summary>
    public string Name { get; }

    /// <summary>HTTP content type with charset.</summary>
    public string ContentType { get; }

    /// <summary>The file's bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>Strong validator of <see cref="Bytes"/>.</summary>
    public string ETag { get; }

    /// <summary>Reads the embedded file <paramref name="name"/>; throws when the build did not embed it.</summary>
    public static DashboardAsset Load(string name, string contentType)
    {
        string resource = "Prom.Bus.Gateway.Dashboard." + name;
        using Stream stream = typeof(DashboardAsset).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The dashboard file '{name}' is not embedded in {typeof(DashboardAsset).Assembly.GetName().Name} (resource '{resource}').");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new DashboardAsset(name, contentType, copy.ToArray());
    }
}
