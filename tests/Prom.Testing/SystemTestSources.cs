namespace Prom.Testing;

/// <summary>Components and resources the [System] generator and analyzer tests declare their systems against.</summary>
public static class SystemTestSources
{
    /// <summary>Position, Velocity, Health components; Gravity (struct) and Log (class) resources; namespace Game.</summary>
    public const string Components = """
        using Prom;
        namespace Game;
        [Struct, Component] public partial struct Position { public partial float X { get; set; } public partial float Y { get; set; } }
        [Struct, Component] public partial struct Velocity { public partial float X { get; set; } public partial float Y { get; set; } }
        [Struct, Component] public partial struct Health { public partial int Value { get; set; } }
        public struct Gravity { public float Value; }
        public sealed class Log { public System.Collections.Generic.List<string> Lines { get; } = new(); }
        """;

    /// <summary>The usings a system source file starts with.</summary>
    public const string Usings = "using System; using System.Threading; using System.Threading.Tasks; using Prom; using Prom.Ecs;\n";

    /// <summary>
    /// A system source file: <see cref="Usings"/>, then the source in namespace Game. A first line starting with
    /// <c>[assembly:</c> stays before the namespace.
    /// </summary>
    public static string InNamespace(string source)
    {
        if (!source.StartsWith("[assembly:", System.StringComparison.Ordinal)) return Usings + "namespace Game;\n" + source;
        int endOfLine = source.IndexOf('\n');
        return endOfLine < 0
            ? Usings + source + "\n"
            : Usings + source.Substring(0, endOfLine + 1) + "namespace Game;\n" + source.Substring(endOfLine + 1);
    }
}
