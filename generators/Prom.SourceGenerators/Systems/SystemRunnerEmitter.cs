using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Prom.CodeModel;
using Prom.CodeModel.Systems;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Systems;

/// <summary>
/// Emits <c>TypeName__PromRunner</c>, the <c>Prom.Ecs.ISystemRunner</c> of one system: it claims the owned components,
/// builds the query once, and calls Run per entity (gather prev, write back with set-if-changed), per chunk (columns)
/// or once per tick.
/// </summary>
internal static class SystemRunnerEmitter
{
    private const string Ecs = "global::Prom.Ecs.";
    private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    private const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    public static string Emit(SystemModel model)
    {
        var w = new SourceWriter();
        GeneratedFile.Begin(w, model.Namespace);

        w.Line($"/// <summary>Runs <see cref=\"{model.FullyQualifiedName}\"/> as the system '{Xml(model.Name)}' for the Prom.Ecs scheduler.</summary>");
        w.Line(GeneratedFile.GeneratedCodeAttribute);
        w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.Open($"internal sealed class {GeneratedNames.SystemRunner(model.TypeName)} : {Ecs}ISystemRunner");
        EmitFields(w, model);
        w.Line();
        EmitConstructor(w, model);
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public string Name => {Literal(model.Name)};");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line(model.SkipIfEmpty ? "public bool ShouldRun() => _query.Any();" : "public bool ShouldRun() => true;");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line(model.HasPrepare ? "public void Prepare() => _system.Prepare();" : "public void Prepare() { }");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line(model.HasCleanup ? "public void Cleanup() => _system.Cleanup();" : "public void Cleanup() { }");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Open("public global::System.Threading.Tasks.ValueTask RunAsync(global::System.Threading.CancellationToken cancellationToken)");
        switch (model.Shape)
        {
            case SystemShape.PerEntity:
                EmitPerEntity(w, model);
                break;
            case SystemShape.PerChunk:
                EmitPerChunk(w, model);
                break;
            default:
                EmitOnce(w, model);
                break;
        }

        w.Close();
        EmitHelpers(w, model);
        w.Close();
        GeneratedFile.CloseNamespace(w, model.Namespace);
        return w.ToString();
    }

    private static void EmitFields(SourceWriter w, SystemModel model)
    {
        w.Line($"private readonly {model.FullyQualifiedName} _system;");
        w.Line($"private readonly {Ecs}SystemContext _context;");
        w.Line($"private readonly {Ecs}OwnerToken _owner;");
        if (model.HasQuery) w.Line($"private readonly {Ecs}Query _query;");
        foreach (SystemParameterModel parameter in model.Parameters)
        {
            if (parameter.Kind == SystemParameterKind.Effects) w.Line($"private readonly {parameter.Type} {Field(parameter)};");
            if (parameter.Kind == SystemParameterKind.Events) w.Line($"private readonly {parameter.Type} {Field(parameter)};");
        }
    }

    private static void EmitConstructor(SourceWriter w, SystemModel model)
    {
        w.Line("/// <summary>Claims the system's components, builds its query and creates the system.</summary>");
        w.Line("/// <param name=\"context\">The system's context in its world.</param>");
        w.Open($"public {GeneratedNames.SystemRunner(model.TypeName)}({Ecs}SystemContext context)");
        w.Line("_context = context;");
        w.Line("_owner = context.Owner;");
        foreach (string owned in model.Owns) w.Line($"_owner.Own<{owned}>();");
        if (model.Shape == SystemShape.PerEntity)
        {
            // A per-entity update reads each row only before writing it: where no other system of the plan reads the
            // component, updating it in place gives the same values with one memory stream instead of two.
            foreach (SystemParameterModel write in model.Parameters.Where(p => p.Kind == SystemParameterKind.ComponentWrite))
            {
                w.Line($"context.UpdateInPlaceIfUnread<{write.Target}>({Literal(SystemParser.Display(write.Target))});");
            }
        }

        if (model.HasQuery)
        {
            var query = new List<string> { "context.World.Query()" };
            query.AddRange(model.QueryAll.Select(component => $".All<{component}>()"));
            query.AddRange(model.None.Select(component => $".None<{component}>()"));
            query.AddRange(model.Any.Select(component => $".Any<{component}>()"));
            query.AddRange(model.Changed.Select(component => $".Changed<{component}>()"));
            query.Add(".Build()");
            w.Line("_query = " + string.Concat(query) + ";");
        }

        foreach (SystemParameterModel parameter in model.Parameters)
        {
            if (parameter.Kind == SystemParameterKind.Effects) w.Line($"{Field(parameter)} = context.Effects<{parameter.Target}>();");
            if (parameter.Kind == SystemParameterKind.Events) w.Line($"{Field(parameter)} = context.Events<{parameter.Target}>();");
        }

        string arguments = string.Join(", ", model.ConstructorParameters.Select(type => $"Service<{type}>(context)"));
        w.Line($"_system = new {model.FullyQualifiedName}({arguments});");
        w.Close();
    }

    /// <summary>Resources are bound once per call, by reference, before any loop.</summary>
    private static void EmitResources(SourceWriter w, SystemModel model)
    {
        foreach (SystemParameterModel parameter in model.Parameters)
        {
            if (parameter.Kind == SystemParameterKind.ResourceWrite || parameter.Kind == SystemParameterKind.ResourceRead)
            {
                w.Line($"ref {parameter.Type} {Local(parameter)} = ref _context.World.Resource<{parameter.Type}>();");
            }
        }
    }

    /// <summary>
    /// Per entity: each component value is assembled from its leaf columns (a component that is one scalar is bit-cast
    /// from it and stays in a register), Run gets it by reference, and each owned value is stored back leaf by leaf
    /// into <c>next</c> (which is <c>prev</c> when the component is updated in place). A row is marked changed only when
    /// some leaf differs bitwise from its value before Run (set-if-changed; an unchanged value is a carry).
    /// Without a <c>Changed</c> filter (known at compile time) rows go in runs of <c>ChangedBits.RowsPerRun</c>: the run
    /// is a plain loop over the columns in <c>RunRows</c> — read, Run, store, nothing else per row — and the changed bits
    /// of its 64-row words come afterwards from <c>ChangedBits.Store/Or</c>, a few vector compares of the stored leaves with
    /// their values before the run (in place those are first copied to a stack buffer). A chunk's words are stored with
    /// one <c>MarkChangedWords</c> call.
    /// </summary>
    private static void EmitPerEntity(SourceWriter w, SystemModel model)
    {
        if (model.Changed.Count > 0)
        {
            EmitPerEntityFiltered(w, model);
            return;
        }

        EmitResources(w, model);
        bool needsEntities = NeedsEntities(model);
        SystemParameterModel[] writes = model.Parameters.Where(p => p.Kind == SystemParameterKind.ComponentWrite).ToArray();

        EmitSystemLocal(w, model);
        foreach (SystemParameterModel write in writes)
        {
            w.Line($"global::System.Span<ulong> {Words(write)} = stackalloc ulong[{Ecs}ChangedBits.MaxWordsPerChunk];");
            for (int k = 0; k < write.Leaves.Count; k++)
            {
                w.Line($"global::System.Span<{Bits(write.Leaves[k])}> {Saved(write, k)} = stackalloc {Bits(write.Leaves[k])}[{Ecs}ChangedBits.RowsPerRun];");
            }
        }

        w.Open($"foreach ({Ecs}QueryChunk chunk in _query.Chunks())");
        EmitColumnReferences(w, model);
        foreach (SystemParameterModel write in writes.Where(p => p.Leaves.Count > 0)) w.Line($"bool {InPlace(write)} = {Columns(write)}.IsInPlace;");
        if (needsEntities) w.Line($"global::System.ReadOnlySpan<{Ecs}Entity> entities = chunk.Entities;");
        w.Line("int count = chunk.Count;");
        w.Open($"for (int start = 0; start < count; start += {Ecs}ChangedBits.RowsPerRun)");
        w.Line($"int end = global::System.Math.Min(start + {Ecs}ChangedBits.RowsPerRun, count);");
        foreach (SystemParameterModel write in writes)
        {
            if (write.Leaves.Count == 0)
            {
                w.Line($"{Words(write)}.Slice(start / {Ecs}ChangedBits.RowsPerWord, (end - start + {Ecs}ChangedBits.RowsPerWord - 1) / {Ecs}ChangedBits.RowsPerWord).Clear();");
                continue;
            }

            // In place the stores overwrite the values the changed bits are computed against: keep a copy of the run.
            w.Open($"if ({InPlace(write)})");
            for (int k = 0; k < write.Leaves.Count; k++)
            {
                w.Line($"{Span(Prev(write, k), "start", "end - start")}.CopyTo({Saved(write, k)});");
            }

            w.Close();
        }

        w.Line($"RunRows({string.Join(", ", RowsArguments(model))});");
        foreach (SystemParameterModel write in writes.Where(p => p.Leaves.Count > 0))
        {
            string words = $"{Words(write)}.Slice(start / {Ecs}ChangedBits.RowsPerWord, (end - start + {Ecs}ChangedBits.RowsPerWord - 1) / {Ecs}ChangedBits.RowsPerWord)";
            for (int k = 0; k < write.Leaves.Count; k++)
            {
                string scalar = Bits(write.Leaves[k]);
                string before = $"{InPlace(write)} ? (global::System.ReadOnlySpan<{scalar}>){Saved(write, k)}.Slice(0, end - start) : {Span(Prev(write, k), "start", "end - start")}";
                w.Line($"{Ecs}ChangedBits.{(k == 0 ? "Store" : "Or")}<{scalar}>({before}, {Span(Next(write, k), "start", "end - start")}, {words});");
            }
        }

        w.Close();
        foreach (SystemParameterModel write in writes)
        {
            w.Line($"{Columns(write)}.MarkChangedWords({Words(write)}.Slice(0, (count + {Ecs}ChangedBits.RowsPerWord - 1) / {Ecs}ChangedBits.RowsPerWord));");
        }

        w.Close();
        w.Line("return default;");
    }

    /// <summary>
    /// The rows <c>[start, end)</c> of one chunk as a plain loop over the leaf columns: read, Run, store. It is a method
    /// of its own (never inlined) so that the JIT allocates registers for this loop alone: inlined into the chunk loop,
    /// the column references lost their registers to the chunk loop's state and were reloaded from the stack every
    /// row. The call costs a few instructions per 64 rows.
    /// </summary>
    private static void EmitRowsHelper(SourceWriter w, SystemModel model)
    {
        SystemParameterModel[] writes = model.Parameters.Where(p => p.Kind == SystemParameterKind.ComponentWrite).ToArray();
        w.Line();
        w.Line("/// <summary>Runs the system on rows [start, end) of one chunk (see RunAsync); changed bits of leafless components are collected here.</summary>");
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]");
        w.Open($"private void RunRows({string.Join(", ", RowsParameters(model))})");
        w.Line("if (system is null) throw new global::System.InvalidOperationException(\"The runner has no system.\");");
        // Native-int rows: no sign extension per row (the raw loop's shape). The loop is unrolled: each block is one
        // row, in row order, so Run sees exactly the sequence of the plain loop; the loop's own increment, compare
        // and branch (3 of a raw `a[i] += b[i]` loop's 7 instructions) are paid once per RowsPerStep rows.
        w.Line("nint first = start;");
        w.Open($"for (; first <= end - {RowsPerStep}; first += {RowsPerStep})");
        for (int step = 0; step < RowsPerStep; step++)
        {
            w.Open();
            w.Line(step == 0 ? "nint row = first;" : $"nint row = first + {step};");
            EmitRow(w, model, writes);
            w.Close();
        }

        w.Close();
        w.Open("for (nint row = first; row < end; row++)");
        EmitRow(w, model, writes);
        w.Close();
        w.Close();
    }

    /// <summary>Rows per step of <c>RunRows</c>' unrolled loop.</summary>
    private const int RowsPerStep = 4;

    /// <summary>One row of <c>RunRows</c> (the local <c>row</c> is in scope): read, Run, store.</summary>
    private static void EmitRow(SourceWriter w, SystemModel model, SystemParameterModel[] writes)
    {
        foreach (SystemParameterModel parameter in model.Parameters)
        {
            EmitLoad(w, parameter, "row", k => Prev(parameter, k));
        }

        w.Line($"system.Run({Arguments(model)});");
        foreach (SystemParameterModel write in writes)
        {
            if (write.Leaves.Count == 0)
            {
                w.Line($"if ({Columns(write)}.SetIfChanged((int)row, {Local(write)})) {Words(write)}[(int)(row / {Ecs}ChangedBits.RowsPerWord)] |= 1UL << (int)row;");
            }
            else if (write.IsSingleScalar)
            {
                w.Line($"{Unsafe}.Add(ref {Next(write, 0)}, row) = {Unsafe}.BitCast<{write.Target}, {Bits(write.Leaves[0])}>({Local(write)});");
            }
            else
            {
                for (int k = 0; k < write.Leaves.Count; k++)
                {
                    w.Line($"{Unsafe}.Add(ref {Next(write, k)}, row) = {Unsafe}.ReadUnaligned<{Bits(write.Leaves[k])}>(ref {Unsafe}.Add(ref {Bytes(write)}, {write.Leaves[k].Offset}));");
                }
            }
        }
    }

    /// <summary>The parameters of <c>RunRows</c>: the system, every column reference, entities and resources, the row range.</summary>
    private static IEnumerable<string> RowsParameters(SystemModel model)
    {
        yield return $"{model.FullyQualifiedName} system";
        foreach (SystemParameterModel parameter in model.Parameters)
        {
            switch (parameter.Kind)
            {
                case SystemParameterKind.ComponentWrite when parameter.Leaves.Count == 0:
                    yield return $"{Ecs}ColumnWriter<{parameter.Target}> {Columns(parameter)}";
                    yield return $"global::System.Span<ulong> {Words(parameter)}";
                    break;
                case SystemParameterKind.ComponentRead when parameter.Leaves.Count == 0:
                    yield return $"{Ecs}ColumnReader<{parameter.Target}> {Columns(parameter)}";
                    break;
                case SystemParameterKind.ComponentWrite:
                    for (int k = 0; k < parameter.Leaves.Count; k++)
                    {
                        yield return $"ref {Bits(parameter.Leaves[k])} {Prev(parameter, k)}";
                        yield return $"ref {Bits(parameter.Leaves[k])} {Next(parameter, k)}";
                    }

                    break;
                case SystemParameterKind.ComponentRead:
                    for (int k = 0; k < parameter.Leaves.Count; k++) yield return $"ref {Bits(parameter.Leaves[k])} {Prev(parameter, k)}";
                    break;
                case SystemParameterKind.ResourceRead or SystemParameterKind.ResourceWrite:
                    yield return $"ref {parameter.Type} {Local(parameter)}";
                    break;
            }
        }

        if (NeedsEntities(model)) yield return $"global::System.ReadOnlySpan<{Ecs}Entity> entities";
        yield return "global::System.Threading.CancellationToken cancellationToken";
        yield return "int start";
        yield return "int end";
    }

    /// <summary>The arguments of the <c>RunRows</c> call, in the order of <see cref="RowsParameters"/>.</summary>
    private static IEnumerable<string> RowsArguments(SystemModel model)
    {
        yield return "system";
        foreach (SystemParameterModel parameter in model.Parameters)
        {
            switch (parameter.Kind)
            {
                case SystemParameterKind.ComponentWrite when parameter.Leaves.Count == 0:
                    yield return Columns(parameter);
                    yield return Words(parameter);
                    break;
                case SystemParameterKind.ComponentRead when parameter.Leaves.Count == 0:
                    yield return Columns(parameter);
                    break;
                case SystemParameterKind.ComponentWrite:
                    for (int k = 0; k < parameter.Leaves.Count; k++)
                    {
                        yield return "ref " + Prev(parameter, k);
                        yield return "ref " + Next(parameter, k);
                    }

                    break;
                case SystemParameterKind.ComponentRead:
                    for (int k = 0; k < parameter.Leaves.Count; k++) yield return "ref " + Prev(parameter, k);
                    break;
                case SystemParameterKind.ResourceRead or SystemParameterKind.ResourceWrite:
                    yield return "ref " + Local(parameter);
                    break;
            }
        }

        if (NeedsEntities(model)) yield return "entities";
        yield return "cancellationToken";
        yield return "start";
        yield return "end";
    }

    private static bool NeedsEntities(SystemModel model) =>
        model.Parameters.Any(p => p.Kind is SystemParameterKind.Entity or SystemParameterKind.ComponentCurrent);

    /// <summary>A local the JIT knows is not null: the inlined Run then needs no null check of the system per row.</summary>
    private static void EmitSystemLocal(SourceWriter w, SystemModel model)
    {
        w.Line($"{model.FullyQualifiedName} system = _system;");
        w.Line("if (system is null) throw new global::System.InvalidOperationException(\"The runner has no system.\");");
    }

    /// <summary>Per chunk: open every component's columns and take a reference to row 0 of each leaf column.</summary>
    private static void EmitColumnReferences(SourceWriter w, SystemModel model)
    {
        foreach (SystemParameterModel parameter in model.Parameters)
        {
            if (parameter.Kind == SystemParameterKind.ComponentWrite)
            {
                w.Line($"{Ecs}ColumnWriter<{parameter.Target}> {Columns(parameter)} = chunk.Write<{parameter.Target}>(_owner);");
                for (int k = 0; k < parameter.Leaves.Count; k++)
                {
                    string scalar = Bits(parameter.Leaves[k]);
                    w.Line($"ref {scalar} {Prev(parameter, k)} = ref {Unsafe}.AsRef(in {Columns(parameter)}.DangerousGetPrevReference<{scalar}>({k}));");
                    w.Line($"ref {scalar} {Next(parameter, k)} = ref {Columns(parameter)}.DangerousGetNextReference<{scalar}>({k});");
                }
            }
            else if (parameter.Kind == SystemParameterKind.ComponentRead)
            {
                w.Line($"{Ecs}ColumnReader<{parameter.Target}> {Columns(parameter)} = chunk.Read<{parameter.Target}>();");
                for (int k = 0; k < parameter.Leaves.Count; k++)
                {
                    string scalar = Bits(parameter.Leaves[k]);
                    w.Line($"ref {scalar} {Prev(parameter, k)} = ref {Unsafe}.AsRef(in {Columns(parameter)}.DangerousGetLeafReference<{scalar}>({k}));");
                }
            }
        }
    }

    /// <summary>
    /// One row's value of a component parameter into its local: bit-cast from a single-scalar column, gathered leaf by
    /// leaf otherwise; <paramref name="column"/> names the reference to leaf <c>k</c>'s row 0, <paramref name="index"/>
    /// the row relative to it.
    /// </summary>
    private static void EmitLoad(SourceWriter w, SystemParameterModel parameter, string index, System.Func<int, string> column)
    {
        switch (parameter.Kind)
        {
            case SystemParameterKind.ComponentWrite when parameter.Leaves.Count == 0:
                w.Line($"{parameter.Target} {Local(parameter)} = {Columns(parameter)}.GetPrev((int)row);");
                break;
            case SystemParameterKind.ComponentRead when parameter.Leaves.Count == 0:
                w.Line($"{parameter.Target} {Local(parameter)} = {Columns(parameter)}.Get((int)row);");
                break;
            case SystemParameterKind.ComponentWrite or SystemParameterKind.ComponentRead when parameter.IsSingleScalar:
                w.Line($"{parameter.Target} {Local(parameter)} = {Unsafe}.BitCast<{Bits(parameter.Leaves[0])}, {parameter.Target}>({Unsafe}.Add(ref {column(0)}, {index}));");
                break;
            case SystemParameterKind.ComponentWrite or SystemParameterKind.ComponentRead:
                EmitGather(w, parameter, index, column);
                break;
            case SystemParameterKind.ComponentCurrent:
                w.Line($"{parameter.Target} {Local(parameter)} = _context.World.DangerousGetNext<{parameter.Target}>(entities[(int)row]);");
                break;
        }
    }

    /// <summary>
    /// Per entity with a <c>Changed</c> filter: rows one at a time, unselected rows carried, each owned value compared
    /// leaf by leaf before it is stored (so it is right in place too) and its changed bit collected in a register; one
    /// <c>MarkChangedWord</c> per 64 rows.
    /// </summary>
    private static void EmitPerEntityFiltered(SourceWriter w, SystemModel model)
    {
        EmitResources(w, model);
        bool needsEntities = NeedsEntities(model);
        SystemParameterModel[] writes = model.Parameters.Where(p => p.Kind == SystemParameterKind.ComponentWrite).ToArray();

        EmitSystemLocal(w, model);
        w.Open($"foreach ({Ecs}QueryChunk chunk in _query.Chunks())");
        EmitColumnReferences(w, model);
        if (needsEntities) w.Line($"global::System.ReadOnlySpan<{Ecs}Entity> entities = chunk.Entities;");
        w.Line("int count = chunk.Count;");
        w.Open("for (int word = 0, start = 0; start < count; word++, start += 64)");
        w.Line("int end = global::System.Math.Min(start + 64, count);");
        foreach (SystemParameterModel write in writes) w.Line($"ulong {Changed(write)} = 0;");
        w.Line("ulong selected = chunk.SelectedWord(word);");
        w.Open("for (int row = start; row < end; row++)");
        w.Open("if ((selected & (1UL << row)) == 0)");
        foreach (SystemParameterModel write in writes) w.Line($"{Columns(write)}.Carry(row);");
        w.Line("continue;");
        w.Close();
        w.Line();
        foreach (SystemParameterModel parameter in model.Parameters)
        {
            if (parameter.Kind == SystemParameterKind.ComponentWrite && parameter.IsSingleScalar)
            {
                w.Line($"{Bits(parameter.Leaves[0])} {Old(parameter)} = {Unsafe}.Add(ref {Prev(parameter, 0)}, row);");
                w.Line($"{parameter.Target} {Local(parameter)} = {Unsafe}.BitCast<{Bits(parameter.Leaves[0])}, {parameter.Target}>({Old(parameter)});");
            }
            else
            {
                EmitLoad(w, parameter, "row", k => Prev(parameter, k));
            }
        }

        w.Line($"system.Run({Arguments(model)});");
        foreach (SystemParameterModel write in writes)
        {
            if (write.Leaves.Count == 0)
            {
                w.Line($"if ({Columns(write)}.SetIfChanged(row, {Local(write)})) {Changed(write)} |= 1UL << row;");
                continue;
            }

            EmitStoreIfChanged(w, write);
        }

        w.Close();
        foreach (SystemParameterModel write in writes)
        {
            w.Line($"if ({Changed(write)} != 0) {Columns(write)}.MarkChangedWord(word, {Changed(write)});");
        }

        w.Close();
        w.Close();
        w.Line("return default;");
    }

    private static void EmitGather(SourceWriter w, SystemParameterModel parameter, string index, System.Func<int, string> column)
    {
        w.Line($"{parameter.Target} {Local(parameter)} = default;");
        w.Line($"ref byte {Bytes(parameter)} = ref {Unsafe}.As<{parameter.Target}, byte>(ref {Local(parameter)});");
        for (int k = 0; k < parameter.Leaves.Count; k++)
        {
            w.Line($"{Unsafe}.WriteUnaligned(ref {Unsafe}.Add(ref {Bytes(parameter)}, {parameter.Leaves[k].Offset}), {Unsafe}.Add(ref {column(k)}, {index}));");
        }
    }

    /// <summary>
    /// Stores an owned value into <c>next</c> and sets its row's changed bit when a leaf differs from <c>prev</c>. Each
    /// leaf is compared before it is stored, so this is right in place too (where <c>next</c> is <c>prev</c>).
    /// </summary>
    private static void EmitStoreIfChanged(SourceWriter w, SystemParameterModel write)
    {
        if (write.IsSingleScalar)
        {
            string scalar = Bits(write.Leaves[0]);
            string single = $"v_{write.Name}_0";
            w.Line($"{scalar} {single} = {Unsafe}.BitCast<{write.Target}, {scalar}>({Local(write)});");
            w.Line($"{Unsafe}.Add(ref {Next(write, 0)}, row) = {single};");
            w.Line($"{Changed(write)} |= ({single} != {Old(write)} ? 1UL : 0UL) << row;");
            return;
        }

        w.Line($"bool {Differs(write)} = false;");
        for (int k = 0; k < write.Leaves.Count; k++)
        {
            string scalar = Bits(write.Leaves[k]);
            string value = $"v_{write.Name}_{k}";
            w.Line($"{scalar} {value} = {Unsafe}.ReadUnaligned<{scalar}>(ref {Unsafe}.Add(ref {Bytes(write)}, {write.Leaves[k].Offset}));");
            w.Line($"{Differs(write)} |= {value} != {Unsafe}.Add(ref {Prev(write, k)}, row);");
            w.Line($"{Unsafe}.Add(ref {Next(write, k)}, row) = {value};");
        }

        w.Line($"{Changed(write)} |= ({Differs(write)} ? 1UL : 0UL) << row;");
    }

    /// <summary>Leaves are copied and compared as unsigned integers of their size: bitwise, whatever the scalar type.</summary>
    private static string Bits(ComponentLeafSlot leaf) => leaf.Size switch
    {
        1 => "byte",
        2 => "ushort",
        4 => "uint",
        _ => "ulong",
    };

    private static void EmitPerChunk(SourceWriter w, SystemModel model)
    {
        EmitResources(w, model);
        w.Open($"foreach ({Ecs}QueryChunk chunk in _query.Chunks())");
        w.Line($"_system.Run({Arguments(model)});");
        w.Close();
        w.Line("return default;");
    }

    private static void EmitOnce(SourceWriter w, SystemModel model)
    {
        SystemParameterModel[] leases = model.Parameters.Where(p => p.Kind == SystemParameterKind.Lease).ToArray();
        EmitResources(w, model);
        foreach (SystemParameterModel lease in leases)
        {
            w.Line($"{lease.Type} {Local(lease)} = _context.World.LeaseColumns<{lease.Target}>(_owner);");
        }

        string call = $"_system.Run({Arguments(model)})";
        string task = model.Return switch
        {
            SystemReturn.ValueTask => call,
            SystemReturn.Task => $"new global::System.Threading.Tasks.ValueTask({call})",
            _ => "",
        };

        if (leases.Length == 0)
        {
            if (model.Return == SystemReturn.Void)
            {
                w.Line(call + ";");
                w.Line("return default;");
            }
            else
            {
                w.Line("return " + task + ";");
            }

            return;
        }

        // A lease is released when Run is done, also when it throws, and for async systems when the task completes.
        string release = string.Join(" ", leases.Select(lease => Local(lease) + ".Dispose();"));
        if (model.Return == SystemReturn.Void)
        {
            w.Open("try");
            w.Line(call + ";");
            w.Close();
            w.Open("finally");
            w.Line(release);
            w.Close();
            w.Line("return default;");
            return;
        }

        w.Line("global::System.Threading.Tasks.ValueTask task;");
        w.Open("try");
        w.Line("task = " + task + ";");
        w.Close();
        w.Open("catch");
        w.Line(release);
        w.Line("throw;");
        w.Close();
        w.Line($"return ReleaseAfter(task, {string.Join(", ", leases.Select(Local))});");
    }

    private static void EmitHelpers(SourceWriter w, SystemModel model)
    {
        if (model.Shape == SystemShape.PerEntity && model.Changed.Count == 0) EmitRowsHelper(w, model);

        if (model.ConstructorParameters.Count > 0)
        {
            w.Line();
            w.Line($"private static T Service<T>({Ecs}SystemContext context) where T : notnull =>");
            w.Line("    context.Services?.GetService(typeof(T)) is T service");
            w.Line("        ? service");
            w.Line($"        : throw new global::System.InvalidOperationException({Literal("System '" + model.Name + "' needs a ")} + typeof(T).FullName + {Literal(" from the service provider, but none is registered (or the scheduler has no service provider).")});");
        }

        if (model.Shape == SystemShape.Once && model.Return != SystemReturn.Void && model.Parameters.Any(p => p.Kind == SystemParameterKind.Lease))
        {
            w.Line();
            w.Open("private static async global::System.Threading.Tasks.ValueTask ReleaseAfter(global::System.Threading.Tasks.ValueTask task, params global::System.IDisposable[] leases)");
            w.Open("try");
            w.Line("await task.ConfigureAwait(false);");
            w.Close();
            w.Open("finally");
            w.Line("foreach (global::System.IDisposable lease in leases) lease.Dispose();");
            w.Close();
            w.Close();
        }
    }

    private static string Arguments(SystemModel model) => string.Join(", ", model.Parameters.Select(parameter => parameter.Kind switch
    {
        SystemParameterKind.ComponentWrite => "ref " + Local(parameter),
        SystemParameterKind.ComponentRead or SystemParameterKind.ComponentCurrent => parameter.Modifier + Local(parameter),
        SystemParameterKind.Entity => "entities[(int)row]",
        SystemParameterKind.ColumnWrite => $"chunk.Write<{parameter.Target}>(_owner)",
        SystemParameterKind.ColumnRead => $"chunk.Read<{parameter.Target}>()",
        SystemParameterKind.NamedWriteColumns => $"new {parameter.Type}(chunk.Write<{parameter.Target}>(_owner))",
        SystemParameterKind.NamedReadColumns => $"new {parameter.Type}(chunk.Read<{parameter.Target}>())",
        SystemParameterKind.Chunk => "chunk",
        SystemParameterKind.ChunkEntities => "chunk.Entities",
        SystemParameterKind.ResourceRead or SystemParameterKind.ResourceWrite => parameter.Modifier + Local(parameter),
        SystemParameterKind.Commands => "_context.Commands",
        SystemParameterKind.Effects or SystemParameterKind.Events => Field(parameter),
        SystemParameterKind.Lease => Local(parameter),
        _ => "cancellationToken",
    }));

    private static string Local(SystemParameterModel parameter) => "p_" + parameter.Name;

    private static string Columns(SystemParameterModel parameter) => "c_" + parameter.Name;

    private static string Prev(SystemParameterModel parameter, int leaf) => "prev_" + parameter.Name + "_" + leaf;

    private static string Next(SystemParameterModel parameter, int leaf) => "next_" + parameter.Name + "_" + leaf;

    private static string Bytes(SystemParameterModel parameter) => "b_" + parameter.Name;

    private static string Changed(SystemParameterModel parameter) => "changed_" + parameter.Name;

    private static string Differs(SystemParameterModel parameter) => "differs_" + parameter.Name;

    private static string Old(SystemParameterModel parameter) => "old_" + parameter.Name;

    private static string Saved(SystemParameterModel parameter, int leaf) => "saved_" + parameter.Name + "_" + leaf;

    private static string Words(SystemParameterModel parameter) => "words_" + parameter.Name;

    /// <summary>Rows <c>[from, from + length)</c> of the column whose row 0 is <paramref name="column"/>, as a read-only span.</summary>
    private static string Span(string column, string from, string length) => $"{MemoryMarshal}.CreateReadOnlySpan(ref {Unsafe}.Add(ref {column}, {from}), {length})";

    private static string InPlace(SystemParameterModel parameter) => "inPlace_" + parameter.Name;

    private static string Field(SystemParameterModel parameter) => "_p_" + parameter.Name;

    internal static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    private static string Xml(string value) => value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
