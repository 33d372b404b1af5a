namespace Prom.SourceGenerators.Common;

/// <summary>Names of tracked incremental steps, so caching tests can find and check them.</summary>
public static class TrackingNames
{
    /// <summary>The [Struct] declarations read into models.</summary>
    public const string StructModels = nameof(StructModels);
}
