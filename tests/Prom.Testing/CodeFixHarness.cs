using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit.Sdk;

namespace Prom.Testing;

/// <summary>Applies a code fix to a single-document project, as the IDE does, and returns the new text.</summary>
public static class CodeFixHarness
{
    /// <summary>
    /// Finds the first diagnostic <paramref name="diagnosticId"/> that <paramref name="analyzer"/> (or one of
    /// <paramref name="generators"/>) reports on <paramref name="source"/>, applies the first action
    /// <paramref name="fix"/> offers, and returns the fixed source. <paramref name="references"/> are added to
    /// <see cref="TestReferences.All"/> (e.g. Prom.Ecs).
    /// </summary>
    public static string Apply(string source, DiagnosticAnalyzer analyzer, CodeFixProvider fix, string diagnosticId,
        IEnumerable<IIncrementalGenerator>? generators = null, IEnumerable<MetadataReference>? references = null)
    {
        using var workspace = new AdhocWorkspace();
        ProjectId projectId = ProjectId.CreateNewId();
        Solution solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "FixTest", "FixTest", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: RoslynHarness.ParseOptions,
                metadataReferences: TestReferences.All.AddRange(references ?? Array.Empty<MetadataReference>())));
        DocumentId documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, "Source0.cs", SourceText.From(source));
        Document document = solution.GetDocument(documentId)!;

        Compilation compilation = document.Project.GetCompilationAsync().GetAwaiter().GetResult()!;
        ImmutableArray<Diagnostic> generatorDiagnostics = ImmutableArray<Diagnostic>.Empty;
        if (generators is not null)
        {
            RoslynHarness.CreateDriver(generators).RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out generatorDiagnostics);
            compilation = generated;
        }
        ImmutableArray<Diagnostic> diagnostics = generatorDiagnostics.AddRange(
            compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult());
        Diagnostic diagnostic = diagnostics.FirstOrDefault(d => d.Id == diagnosticId)
            ?? throw new XunitException($"No {diagnosticId} to fix; the analyzer reported:\n{DiagnosticText.Describe(diagnostics)}");

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        fix.RegisterCodeFixesAsync(context).GetAwaiter().GetResult();
        if (actions.Count == 0) throw new XunitException($"{fix.GetType().Name} offered no fix for {DiagnosticText.Describe(diagnostic)}");

        ImmutableArray<CodeActionOperation> operations = actions[0].GetOperationsAsync(CancellationToken.None).GetAwaiter().GetResult();
        ApplyChangesOperation apply = operations.OfType<ApplyChangesOperation>().SingleOrDefault()
            ?? throw new XunitException("The fix produced no ApplyChangesOperation.");
        return apply.ChangedSolution.GetDocument(documentId)!.GetTextAsync().GetAwaiter().GetResult().ToString();
    }
}
