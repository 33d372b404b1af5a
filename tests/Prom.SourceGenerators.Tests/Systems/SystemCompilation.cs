using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Prom.Analyzers.Components;
using Prom.Analyzers.Structs;
using Prom.Analyzers.Systems;
using Prom.SourceGenerators.Components;
using Prom.SourceGenerators.Structs;
using Prom.SourceGenerators.Systems;
using Prom.Testing;

namespace Prom.SourceGenerators.Tests.Systems;

/// <summary>Compiles systems with every generator they need and the system analyzers, referencing Prom.Ecs.</summary>
internal static class SystemCompilation
{
    public const string Components = """
        using Prom;
        namespace Game;
        [Struct, Component] public partial struct Position { public partial float X { get; set; } public partial float Y { get; set; } }
        [Struct, Component] public partial struct Velocity { public partial float X { get; set; } public partial float Y { get; set; } }
        [Struct, Component] public partial struct Health { public partial int Value { get; set; } }
        public struct Gravity { public float Value; }
        public sealed class Log { public System.Collections.Generic.List<string> Lines { get; } = new(); }
        """;

    public const string Usings = "using System; using System.Threading; using System.Threading.Tasks; using Prom; using Prom.Ecs; namespace Game;\n";

    public static IIncrementalGenerator[] Generators => new IIncrementalGenerator[] { new StructGenerator(), new ComponentGenerator(), new SystemGenerator() };

    public static CompilationRun Compile(params string[] sources) => RoslynHarness.Run(
        new[] { Components }.Concat(sources.Select(source => Usings + source)),
        Generators,
        new DiagnosticAnalyzer[] { new StructAnalyzer(), new ComponentAnalyzer(), new SystemAnalyzer(), new SystemAccessAnalyzer() },
        new[] { MetadataReference.CreateFromFile(typeof(Prom.Ecs.World).Assembly.Location) });
}
