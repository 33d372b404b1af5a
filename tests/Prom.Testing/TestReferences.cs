using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Prom.Testing;

/// <summary>Metadata references for test compilations: the running framework plus Prom.Abstractions.</summary>
public static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_all = new(Load);

    /// <summary>Every reference a user project of the package would have.</summary>
    public static ImmutableArray<MetadataReference> All => s_all.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        string trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")
            ?? throw new InvalidOperationException("The runtime did not list its trusted platform assemblies.");
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return trusted.Split(Path.PathSeparator)
            .Where(path => Path.GetDirectoryName(path) == frameworkDirectory) // the shared framework only, not test packages
            .Append(typeof(StructAttribute).Assembly.Location)
            .Distinct()
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
