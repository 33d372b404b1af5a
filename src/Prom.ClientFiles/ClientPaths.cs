using System;
using System.IO;

namespace Prom.ClientFiles;

/// <summary>The relative-path rule for written files: forward slashes, no rooted path, no <c>..</c> segment.</summary>
public static class ClientPaths
{
    /// <summary>Returns <paramref name="path"/> when it stays inside the output folder; throws otherwise.</summary>
    public static string CheckRelative(string path)
    {
        if (path.Length == 0 || path.StartsWith("/", StringComparison.Ordinal) || path.Contains('\\') || Path.IsPathRooted(path))
            throw new InvalidDataException($"client file path '{path}' is not a relative forward-slash path");
        foreach (string segment in path.Split('/'))
        {
            if (segment is "" or "." or "..") throw new InvalidDataException($"client file path '{path}' has an empty, '.' or '..' segment");
        }
        return path;
    }
}
