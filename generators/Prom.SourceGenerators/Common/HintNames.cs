namespace Prom.SourceGenerators.Common;

/// <summary>Hint names of generated files: <c>Namespace.Type.Kind.g.cs</c>, unique and stable per type and generator.</summary>
internal static class HintNames
{
    /// <summary>e.g. <c>Game.Outer.Trail.Struct.g.cs</c> for <c>global::Game.Outer.Trail</c> (keyword escapes dropped).</summary>
    public static string For(string fullyQualifiedName, string kind) =>
        fullyQualifiedName.Replace("global::", "").Replace("@", "").Replace('<', '[').Replace('>', ']') +
        (kind.EndsWith(".g.cs", System.StringComparison.Ordinal) ? kind : "." + kind + ".g.cs");
}
