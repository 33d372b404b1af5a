using System.Linq;
using Prom.CodeModel;
using Prom.CodeModel.Components;
using Prom.CodeModel.Structs;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Components;

public sealed partial class ComponentGenerator
{
    /// <summary>Model → C# text for the views, column accessors, chunk extensions and the registry.</summary>
    internal static class Emitter
    {
        private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
        private const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";
        private const string Inline = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";

        public static string Emit(ComponentModel model)
        {
            StructModel s = model.Struct;
            var w = new SourceWriter();
            GeneratedFile.Begin(w, s.Namespace);
            foreach (ContainingTypeModel outer in s.ContainingTypes) w.Open(outer.Declaration);

            string access = model.IsPublic ? "public" : "internal";
            EmitView(w, model, access);
            EmitWriteView(w, model, access);
            EmitReadColumns(w, model, access);
            EmitWriteColumns(w, model, access);
            if (s.ContainingTypes.Count == 0) EmitChunkExtensions(w, model, access); // extension classes must be top-level

            foreach (ContainingTypeModel _ in s.ContainingTypes) w.Close();
            GeneratedFile.CloseNamespace(w, s.Namespace);
            return w.ToString();
        }

        // Views hold the chunk's column references (row 0 of every leaf) and the row, and expose each leaf as a ref-returning
        // property. The first design stored a ref field per leaf bound to the row; the JIT then materialised every
        // row's leaf addresses (one extra instruction per leaf per row). With column refs that stay in registers for the
        // whole loop the row folds into each load and store's addressing mode, which made view loops as fast as a
        // hand-written loop over raw arrays (docs/benchmarks.md, session 3). Users see the same members either way.
        // The row is kept as an int and every leaf zero-extends it ((nint)(uint)_row; rows are never negative): the JIT
        // computes that extension once per row for every view of the row (a stored nint sign-extended once per view, two
        // movsxd per row in a two-component loop).
        private static void EmitView(SourceWriter w, ComponentModel model, string access)
        {
            string name = model.Struct.Name;
            w.Line($"/// <summary>One entity's <see cref=\"{name}\"/> as committed by the previous tick (<c>prev</c>), by reference to its columns.</summary>");
            w.Line("/// <remarks>Holds the chunk's column references and the row, so binding a view per row costs nothing.</remarks>");
            w.Line(GeneratedFile.GeneratedCodeAttribute);
            w.Open($"{access} readonly ref struct {name}View");
            for (int i = 0; i < model.Leaves.Count; i++) w.Line($"private readonly ref readonly {model.Leaves[i].CSharpType} _leaf{i};");
            w.Line("private readonly int _row;");
            w.Line();
            w.Line("/// <summary>Binds the view to one row: the first element of every leaf column of its chunk, and the row.</summary>");
            string parameters = string.Join(", ", model.Leaves.Select((l, i) => $"ref readonly {l.CSharpType} leaf{i}"));
            w.Open($"public {name}View({parameters}, int row)");
            for (int i = 0; i < model.Leaves.Count; i++) w.Line($"_leaf{i} = ref leaf{i};");
            w.Line("_row = row;");
            w.Close();
            w.Line();
            w.Line("/// <summary>The row in its chunk.</summary>");
            w.Line("public int Row => _row;");
            for (int i = 0; i < model.Leaves.Count; i++)
            {
                ComponentLeafModel leaf = model.Leaves[i];
                w.Line();
                w.Line($"/// <summary><c>{leaf.Path}</c> (prev).</summary>");
                EmitLeafProperty(w, $"ref readonly {leaf.CSharpType}", leaf.Name, $"_leaf{i}", isReadOnly: true);
            }
            w.Close();
            w.Line();
        }

        private static void EmitWriteView(SourceWriter w, ComponentModel model, string access)
        {
            string name = model.Struct.Name;
            w.Line($"/// <summary>One entity's <see cref=\"{name}\"/> for its owner: leaves read <c>prev</c>, <c>Next…</c> leaves write <c>next</c>.</summary>");
            w.Line("/// <remarks>Holds the chunk's column references and the row, so binding a view per row costs nothing; mark changes on the column accessor.</remarks>");
            w.Line(GeneratedFile.GeneratedCodeAttribute);
            w.Open($"{access} readonly ref struct {name}WriteView");
            for (int i = 0; i < model.Leaves.Count; i++)
            {
                w.Line($"private readonly ref readonly {model.Leaves[i].CSharpType} _prev{i};");
                w.Line($"private readonly ref {model.Leaves[i].CSharpType} _next{i};");
            }
            w.Line("private readonly int _row;");
            w.Line();
            w.Line("/// <summary>Binds the view to one row: the first element of every leaf's prev and next column, and the row.</summary>");
            string parameters = string.Join(", ", model.Leaves.Select((l, i) => $"ref readonly {l.CSharpType} prev{i}, ref {l.CSharpType} next{i}"));
            w.Open($"public {name}WriteView({parameters}, int row)");
            for (int i = 0; i < model.Leaves.Count; i++)
            {
                w.Line($"_prev{i} = ref prev{i};");
                w.Line($"_next{i} = ref next{i};");
            }
            w.Line("_row = row;");
            w.Close();
            w.Line();
            w.Line("/// <summary>The row in its chunk (e.g. for <c>MarkChanged</c> on the column accessor).</summary>");
            w.Line("public int Row => _row;");
            for (int i = 0; i < model.Leaves.Count; i++)
            {
                ComponentLeafModel leaf = model.Leaves[i];
                w.Line();
                w.Line($"/// <summary><c>{leaf.Path}</c> as the previous tick committed it.</summary>");
                EmitLeafProperty(w, $"ref readonly {leaf.CSharpType}", leaf.Name, $"_prev{i}", isReadOnly: true);
                w.Line($"/// <summary><c>{leaf.Path}</c> as this tick commits it; every leaf must be written (or <see cref=\"Carry\"/> called).</summary>");
                EmitLeafProperty(w, $"ref {leaf.CSharpType}", $"Next{leaf.Name}", $"_next{i}", isReadOnly: false);
            }
            w.Line();
            w.Line("/// <summary>Keeps the previous value (<c>next = prev</c>) without marking the entity changed.</summary>");
            w.Line(Inline);
            w.Open("public void Carry()");
            foreach (ComponentLeafModel leaf in model.Leaves) w.Line($"Next{leaf.Name} = {leaf.Name};");
            w.Close();
            w.Close();
            w.Line();
        }

        private static void EmitLeafProperty(SourceWriter w, string type, string name, string column, bool isReadOnly)
        {
            string target = isReadOnly ? $"{Unsafe}.AsRef(in {column})" : column;
            w.Line($"public {type} {name}");
            w.Line("{");
            w.Line($"    {Inline}");
            w.Line($"    get => ref {Unsafe}.Add(ref {target}, (nint)(uint)_row);");
            w.Line("}");
        }

        private static void EmitReadColumns(SourceWriter w, ComponentModel model, string access)
        {
            string name = model.Struct.Name;
            string self = model.Struct.FullyQualifiedName;
            w.Line($"/// <summary>The <c>prev</c> columns of <see cref=\"{name}\"/> in one chunk: spans per leaf (for SIMD) and per-row views.</summary>");
            w.Line(GeneratedFile.GeneratedCodeAttribute);
            w.Open($"{access} readonly ref struct {name}ReadColumns");
            for (int i = 0; i < model.Leaves.Count; i++) w.Line($"private readonly ref readonly {model.Leaves[i].CSharpType} _leaf{i};");
            w.Line();
            w.Line("/// <summary>Resolves every leaf column once per chunk.</summary>");
            w.Open($"public {name}ReadColumns(global::Prom.Ecs.ColumnReader<{self}> columns)");
            w.Line("Count = columns.Count;");
            for (int i = 0; i < model.Leaves.Count; i++)
            {
                w.Line($"_leaf{i} = ref columns.DangerousGetLeafReference<{model.Leaves[i].CSharpType}>({i});");
            }
            w.Close();
            w.Line();
            w.Line("/// <summary>The number of rows.</summary>");
            w.Line("public int Count { get; }");
            for (int i = 0; i < model.Leaves.Count; i++)
            {
                ComponentLeafModel leaf = model.Leaves[i];
                w.Line();
                w.Line($"/// <summary>The <c>{leaf.Path}</c> column (prev).</summary>");
                w.Line($"public global::System.ReadOnlySpan<{leaf.CSharpType}> {leaf.Name} => {MemoryMarshal}.CreateReadOnlySpan(in _leaf{i}, Count);");
            }
            string arguments = string.Join(", ", model.Leaves.Select((l, i) => $"in _leaf{i}")) + ", row";
            EmitRowAccess(w, $"{name}ReadColumns", $"{name}View", arguments);
            w.Close();
            w.Line();
        }

        /// <summary>
        /// The per-row access of a column accessor: a checked indexer, an unchecked <c>DangerousGetView</c> for loops
        /// bounded by the chunk's row count, and an enumerator that yields every row's view with no per-row check.
        /// </summary>
        private static void EmitRowAccess(SourceWriter w, string columns, string view, string arguments)
        {
            w.Line();
            w.Line("/// <summary>The view of one row; the row is bounds-checked.</summary>");
            w.Open($"public {view} this[int row]");
            w.Line(Inline);
            w.Open("get");
            w.Line("if ((uint)row >= (uint)Count) ThrowRow(row, Count);");
            w.Line($"return new {view}({arguments});");
            w.Close();
            w.Close();
            w.Line();
            w.Line("/// <summary>");
            w.Line("/// The view of one row without a bounds check, for loops over <c>[0, Count)</c> of one chunk (every accessor of a");
            w.Line("/// chunk has the same <see cref=\"Count\"/>): a row outside that range reads or writes outside the columns.");
            w.Line("/// </summary>");
            w.Line(Inline);
            w.Line($"public {view} DangerousGetView(int row) => new {view}({arguments});");
            w.Line();
            w.Line("/// <summary>Enumerates the views of rows <c>[0, Count)</c>: safe, with no per-row bounds check.</summary>");
            w.Line(Inline);
            w.Line("public Enumerator GetEnumerator() => new Enumerator(this);");
            w.Line();
            EmitThrowRow(w);
            w.Line();
            w.Line("/// <summary>Yields the view of every row of the chunk in order; the range is fixed when it starts.</summary>");
            w.Open("public ref struct Enumerator");
            w.Line($"private readonly {columns} _columns;");
            w.Line("private int _row;");
            w.Line();
            w.Line("/// <summary>Starts before row 0.</summary>");
            w.Open($"public Enumerator({columns} columns)");
            w.Line("_columns = columns;");
            w.Line("_row = -1;");
            w.Close();
            w.Line();
            w.Line("/// <summary>The current row's index in the chunk.</summary>");
            w.Line("public readonly int Row => _row;");
            w.Line();
            w.Line("/// <summary>The current row's view.</summary>");
            w.Line($"public readonly {view} Current");
            w.Line("{");
            w.Line($"    {Inline}");
            w.Line("    get => _columns.DangerousGetView(_row);");
            w.Line("}");
            w.Line();
            w.Line("/// <summary>Moves to the next row.</summary>");
            w.Line(Inline);
            w.Line("public bool MoveNext() => ++_row < _columns.Count;");
            w.Close();
        }

        private static void EmitWriteColumns(SourceWriter w, ComponentModel model, string access)
        {
            string name = model.Struct.Name;
            string self = model.Struct.FullyQualifiedName;
            w.Line($"/// <summary>The <c>prev</c> and <c>next</c> columns of an owned <see cref=\"{name}\"/> in one chunk.</summary>");
            w.Line(GeneratedFile.GeneratedCodeAttribute);
            w.Open($"{access} readonly ref struct {name}WriteColumns");
            for (int i = 0; i < model.Leaves.Count; i++)
            {
                w.Line($"private readonly ref readonly {model.Leaves[i].CSharpType} _prev{i};");
                w.Line($"private readonly ref {model.Leaves[i].CSharpType} _next{i};");
            }
            w.Line();
            w.Line("/// <summary>Resolves every leaf column once per chunk.</summary>");
            w.Open($"public {name}WriteColumns(global::Prom.Ecs.ColumnWriter<{self}> columns)");
            w.Line("Columns = columns;");
            w.Line("Count = columns.Count;");
            for (int i = 0; i < model.Leaves.Count; i++)
            {
                string type = model.Leaves[i].CSharpType;
                w.Line($"_prev{i} = ref columns.DangerousGetPrevReference<{type}>({i});");
                w.Line($"_next{i} = ref columns.DangerousGetNextReference<{type}>({i});");
            }
            w.Close();
            w.Line();
            w.Line("/// <summary>The untyped writer: bulk changed marks, carry, set.</summary>");
            w.Line($"public global::Prom.Ecs.ColumnWriter<{self}> Columns {{ get; }}");
            w.Line();
            w.Line("/// <summary>The number of rows.</summary>");
            w.Line("public int Count { get; }");
            for (int i = 0; i < model.Leaves.Count; i++)
            {
                ComponentLeafModel leaf = model.Leaves[i];
                w.Line();
                w.Line($"/// <summary>The <c>{leaf.Path}</c> column as the previous tick committed it.</summary>");
                w.Line($"public global::System.ReadOnlySpan<{leaf.CSharpType}> {leaf.Name} => {MemoryMarshal}.CreateReadOnlySpan(in _prev{i}, Count);");
                w.Line($"/// <summary>The <c>{leaf.Path}</c> column this tick commits.</summary>");
                w.Line($"public global::System.Span<{leaf.CSharpType}> Next{leaf.Name} => {MemoryMarshal}.CreateSpan(ref _next{i}, Count);");
            }
            w.Line();
            w.Line("/// <summary>Marks one row changed: the next tick's changed-queries see it.</summary>");
            w.Line("public void MarkChanged(int row) => Columns.MarkChanged(row);");
            string arguments = string.Join(", ", model.Leaves.Select((l, i) => $"in _prev{i}, ref _next{i}")) + ", row";
            EmitRowAccess(w, $"{name}WriteColumns", $"{name}WriteView", arguments);
            w.Close();
            w.Line();
        }

        private static void EmitThrowRow(SourceWriter w)
        {
            w.Line("private static void ThrowRow(int row, int count) =>");
            w.Line("    throw new global::System.ArgumentOutOfRangeException(nameof(row), row, $\"The chunk has {count} rows.\");");
        }

        private static void EmitChunkExtensions(SourceWriter w, ComponentModel model, string access)
        {
            string name = model.Struct.Name;
            string self = model.Struct.FullyQualifiedName;
            w.Line($"/// <summary>Typed access to <see cref=\"{name}\"/> columns of a query chunk.</summary>");
            w.Line(GeneratedFile.GeneratedCodeAttribute);
            w.Open($"{access} static class {GeneratedNames.ChunkExtensions(name)}");
            w.Line($"/// <summary>The <c>prev</c> columns of <see cref=\"{name}\"/> in this chunk.</summary>");
            w.Line($"public static {name}ReadColumns Read{name}(this global::Prom.Ecs.QueryChunk chunk) => new(chunk.Read<{self}>());");
            w.Line();
            w.Line($"/// <summary>Opens <see cref=\"{name}\"/> for writing by its owner; every row of the chunk counts as written.</summary>");
            w.Line($"public static {name}WriteColumns Write{name}(this global::Prom.Ecs.QueryChunk chunk, global::Prom.Ecs.OwnerToken owner) => new(chunk.Write<{self}>(owner));");
            w.Close();
        }

        public static string EmitRegistry(EquatableArray<string> components)
        {
            var w = new SourceWriter();
            GeneratedFile.Begin(w, GeneratedNames.Namespace);
            w.Line("/// <summary>Every [Component] declared in this assembly, in declaration order.</summary>");
            w.Line(GeneratedFile.GeneratedCodeAttribute);
            w.Open("internal static class " + GeneratedNames.Components);
            w.Line("/// <summary>The component types, in declaration order.</summary>");
            w.Line("public static global::System.Collections.Generic.IReadOnlyList<global::System.Type> Types { get; } = new global::System.Type[]");
            w.Line("{");
            foreach (string component in components) w.Line($"    typeof({component}),");
            w.Line("};");
            w.Line();
            w.Line("/// <summary>Registers every component with <paramref name=\"world\"/> so that ids follow declaration order (0, 1, 2, …).</summary>");
            w.Open("public static void RegisterAll(global::Prom.Ecs.World world)");
            foreach (string component in components) w.Line($"world.Register<{component}>();");
            w.Close();
            w.Close();
            GeneratedFile.CloseNamespace(w, GeneratedNames.Namespace);
            return w.ToString();
        }
    }
}
