using System;
using Prom.Testing;

namespace Prom.SourceGenerators.Tests.Topics;

/// <summary>
/// The payloads and <see cref="TopicProbes"/> compiled once with the topic generator and loaded, shared by the tests
/// that run generated code (compiling is the slow part; the assembly is never mutated).
/// </summary>
internal static class TopicCompiled
{
    private static readonly Lazy<(CompilationRun Run, LoadedAssembly Assembly)> s_compiled = new(() =>
    {
        CompilationRun run = TopicTestSource.Compile(TopicProbes.Source).AssertClean();
        return (run, run.Load());
    });

    public static CompilationRun Run => s_compiled.Value.Run;

    public static LoadedAssembly Assembly => s_compiled.Value.Assembly;
}
