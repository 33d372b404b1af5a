using System;
using System.Linq;
using System.Text;
using Prom.Testing;

namespace Prom.SourceGenerators.Tests.Structs;

/// <summary>
/// Compiles every <see cref="LayoutCase"/> once, with probes that prove the real memory layout through the
/// generated properties: <c>Memory_T()</c> sets leaf i to i+1 through its property and returns the value's raw
/// bytes; <c>ReadBack_T(bytes)</c> unpacks bytes and returns every leaf read through its property.
/// </summary>
public sealed class LayoutFixture : IDisposable
{
    public LayoutFixture()
    {
        var source = new StringBuilder("namespace Layouts;\n");
        foreach (LayoutCase c in LayoutCase.All) source.AppendLine(c.Declaration);
        source.AppendLine("public static class Probe\n{");
        foreach (LayoutCase c in LayoutCase.All)
        {
            source.AppendLine($"    public static int SizeOf_{c.TypeName}() => Unsafe.SizeOf<{c.TypeName}>();");
            source.AppendLine($"    public static byte[] Memory_{c.TypeName}() {{ {c.TypeName} v = default;");
            foreach ((ExpectedLeaf leaf, int i) in c.Leaves.Select((l, i) => (l, i)))
            {
                string value = leaf.CSharpType == "bool" ? "true" : $"({leaf.CSharpType}){i + 1}";
                source.AppendLine($"        {leaf.Expression} = {value};");
            }
            source.AppendLine($"        return MemoryMarshal.AsBytes(new ReadOnlySpan<{c.TypeName}>(in v)).ToArray(); }}");
            source.AppendLine($"    public static double[] ReadBack_{c.TypeName}(byte[] bytes) {{ var v = {c.TypeName}.Read(bytes); return new double[] {{ " +
                string.Join(", ", c.Leaves.Select(l => l.CSharpType == "bool" ? $"{l.Expression} ? 1 : 0" : $"(double){l.Expression}")) + " }; }");
        }
        source.AppendLine("}");
        Run = StructTestSource.Compile(source.ToString()).AssertClean();
        Assembly = Run.Load();
    }

    public CompilationRun Run { get; }

    public LoadedAssembly Assembly { get; }

    public StructLayoutInfo Layout(string typeName) => Assembly.StaticProperty<StructLayoutInfo>("Layouts." + typeName, "Layout");

    public void Dispose() => Assembly.Dispose();
}
