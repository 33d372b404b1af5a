using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Prom.SourceGenerators.Clients;
using Xunit;

namespace Prom.SourceGenerators.Tests.Harness;

/// <summary>
/// Over the output of every generator: each type the generators declare carries <c>[GeneratedCode]</c> (itself, or
/// the generated type it is nested in), a user's own partial type never does (it would hide the user's code from
/// analyzers and coverage), and every TypeScript and Python client file starts with its language's one header.
/// </summary>
public sealed class GeneratedCodeAttributeTests
{
    // A [Length] member (a nested inline-array type in the user's struct) inside a partial class.
    private const string Nested = """
        using System;
        using Prom;
        namespace Game;
        public partial class Outer { [Struct] public partial struct Grid { [Length(4)] public partial Span<int> Cells { get; } } }
        """;

    private static (Compilation Compilation, ImmutableArray<SyntaxTree> Generated) EveryGenerator()
    {
        (GeneratorDriver driver, Compilation compilation, _) = IncrementalStepTests.Start(Nested);
        ImmutableArray<SyntaxTree> generated = driver.GetRunResult().GeneratedTrees;
        return (compilation.AddSyntaxTrees(generated), generated);
    }

    [Fact]
    public void EveryGeneratedType_CarriesGeneratedCode_AndNoUserPartialTypeDoes()
    {
        (Compilation compilation, ImmutableArray<SyntaxTree> generated) = EveryGenerator();
        var failures = new List<string>();
        var checkedTypes = new List<string>();
        foreach (SyntaxTree tree in generated)
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (BaseTypeDeclarationSyntax declaration in tree.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>())
            {
                var type = (INamedTypeSymbol)model.GetDeclaredSymbol(declaration)!;
                bool hasAttribute = HasGeneratedCode(type);
                if (!IsGeneratedOnly(type, generated))
                {
                    if (hasAttribute) failures.Add($"{type.ToDisplayString()} is the user's type but a generated part marks it [GeneratedCode] ({tree.FilePath})");
                    continue;
                }
                if (type.ContainingType is { } outer && IsGeneratedOnly(outer, generated) && HasGeneratedCode(outer)) continue; // covered by its container
                checkedTypes.Add(type.ToDisplayString());
                if (!hasAttribute) failures.Add($"{type.ToDisplayString()} has no [GeneratedCode] ({tree.FilePath})");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // Every kind the generators emit was seen: a view, a column accessor, the registries, a runner, a topic class,
        // a module wrapper, the client files and the inline-array buffer inside a user's struct.
        foreach (string expected in new[]
        {
            "Game.PositionView", "Game.VelocityWriteColumns", "Game.PositionChunkExtensions", "Prom.Generated.PromComponents",
            "Prom.Generated.PromSystems", "Game.Movement__PromRunner", "Ops.HeartbeatV1Topic", "Prom.Generated.PromTopics",
            "Prom.Generated.PromClientFiles", "Game.Outer.Grid.__PromCellsBuffer",
        })
        {
            Assert.Contains(expected, checkedTypes);
        }
        Assert.Contains(checkedTypes, name => name.EndsWith("Module", System.StringComparison.Ordinal));
    }

    [Fact]
    public void EveryTypeScriptAndPythonClientFile_StartsWithTheOneHeaderOfItsLanguage()
    {
        (Compilation compilation, ImmutableArray<SyntaxTree> generated) = EveryGenerator();
        SyntaxTree tree = generated.Single(t => t.FilePath.EndsWith("Prom.Generated.PromClientFiles.g.cs", System.StringComparison.Ordinal));
        SemanticModel model = compilation.GetSemanticModel(tree);
        Dictionary<string, string> constants = tree.GetRoot().DescendantNodes().OfType<VariableDeclaratorSyntax>()
            .ToDictionary(v => v.Identifier.Text, v => (string)model.GetConstantValue(v.Initializer!.Value).Value!);

        var files = constants.Where(c => c.Key.StartsWith("Path", System.StringComparison.Ordinal))
            .Select(c => (Path: c.Value, Text: constants["Text" + c.Key.Substring(4)])).ToList();
        var checkedFiles = new List<string>();
        foreach ((string path, string text) in files)
        {
            string? comment = path.EndsWith(".ts", System.StringComparison.Ordinal) ? ClientFileHeader.TypeScript
                : path.EndsWith(".py", System.StringComparison.Ordinal) ? ClientFileHeader.Python
                : null;
            if (comment is null) continue; // JSON has no comments; py.typed is an empty marker
            string name = System.IO.Path.GetFileNameWithoutExtension(path);
            string expected = name is "client" or "protocol"
                ? ClientFileHeader.ForRuntime(comment)
                : ClientFileHeader.ForProject(comment, compilation.AssemblyName!);
            Assert.Equal(expected, text.Split('\n')[0]);
            checkedFiles.Add(path);
        }
        Assert.Equal(7, checkedFiles.Count); // topics/protocol/client.ts, __init__/topics/protocol/client.py
    }

    private static bool IsGeneratedOnly(INamedTypeSymbol type, ImmutableArray<SyntaxTree> generated) =>
        type.DeclaringSyntaxReferences.All(reference => generated.Contains(reference.SyntaxTree));

    private static bool HasGeneratedCode(INamedTypeSymbol type) =>
        type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.CodeDom.Compiler.GeneratedCodeAttribute");
}
