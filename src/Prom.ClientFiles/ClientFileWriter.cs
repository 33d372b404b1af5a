using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Prom.ClientFiles;

/// <summary>What one write did, for the build log and the tests.</summary>
/// <param name="Written">Files created or changed.</param>
/// <param name="Unchanged">Files whose bytes were already right (left alone: timestamps keep, watchers stay quiet).</param>
/// <param name="Deleted">Files of an earlier write that the project no longer emits.</param>
public sealed record ClientWriteResult(IReadOnlyList<string> Written, IReadOnlyList<string> Unchanged, IReadOnlyList<string> Deleted);

/// <summary>
/// Writes client files into the output folder: only files whose bytes differ are rewritten (UTF-8 without BOM, the
/// texts as generated, "\n" line ends), and files that an earlier write created (listed in the folder's
/// <c>.prom-clients</c> manifest) but that are no longer emitted are deleted. Files the manifest does not list are
/// never touched, so the folder may hold the user's own files too.
/// </summary>
public static class ClientFileWriter
{
    /// <summary>The manifest of the files the last write produced, one relative path per line.</summary>
    public const string ManifestName = ".prom-clients";

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="files"/> under <paramref name="outputDirectory"/>.</summary>
    public static ClientWriteResult Write(IReadOnlyDictionary<string, string> files, string outputDirectory)
    {
        string root = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(root);
        var written = new List<string>();
        var unchanged = new List<string>();
        foreach ((string path, string text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            string full = Resolve(root, ClientPaths.CheckRelative(path));
            byte[] bytes = s_utf8.GetBytes(text);
            if (File.Exists(full) && File.ReadAllBytes(full).AsSpan().SequenceEqual(bytes))
            {
                unchanged.Add(path);
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            // Write next to the target and move over it, so a reader never sees half a file.
            string temporary = full + ".tmp";
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, full, overwrite: true);
            written.Add(path);
        }

        string manifest = Path.Combine(root, ManifestName);
        var deleted = new List<string>();
        if (File.Exists(manifest))
        {
            foreach (string old in File.ReadAllLines(manifest).Where(l => l.Length > 0))
            {
                if (files.ContainsKey(old)) continue;
                string full = Resolve(root, ClientPaths.CheckRelative(old));
                if (File.Exists(full))
                {
                    File.Delete(full);
                    deleted.Add(old);
                }
            }
        }
        string list = string.Concat(files.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(k => k + "\n"));
        if (!File.Exists(manifest) || File.ReadAllText(manifest) != list) File.WriteAllText(manifest, list, s_utf8);
        return new ClientWriteResult(written, unchanged, deleted);
    }

    private static string Resolve(string root, string relative)
    {
        string full = Path.GetFullPath(Path.Combine(root, relative));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidDataException($"client file path '{relative}' leaves the output folder");
        return full;
    }
}
