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
}
