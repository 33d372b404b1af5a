using Microsoft.CodeAnalysis;

namespace Prom.CodeModel.Diagnostics;

public static partial class DiagnosticDescriptors
{
    private const string StructuralChangeTitle = "Structural change during a query loop";
    private const string StructuralChangeDescription =
        "Creating, destroying, adding or removing while a Rows(), Chunks() or Tuples() loop runs makes the loop's next step throw, and inside a tick (a system's Run) the world refuses structural changes: they go through a CommandBuffer, which applies them when the tick ends.";

    /// <summary>PROM0101, in a loop over a query's rows, chunks or tuples.</summary>
    public static readonly DiagnosticDescriptor StructuralChangeInQueryLoop = Error(
        DiagnosticIds.StructuralChangeInQueryLoop,
        StructuralChangeTitle,
        "'{0}' changes the world's structure inside the loop over '{1}', so the loop's next step throws; record it in a CommandBuffer (applied when the tick ends) or collect the entities and change them after the loop",
        EcsCategory,
        StructuralChangeDescription);

    /// <summary>PROM0101, in the Run method of a [System] (which the scheduler calls inside the tick).</summary>
    public static readonly DiagnosticDescriptor StructuralChangeInSystem = Error(
        DiagnosticIds.StructuralChangeInQueryLoop,
        StructuralChangeTitle,
        "System '{0}' calls '{1}' in Run, which runs inside the tick where the world refuses structural changes; record it in the system's CommandBuffer (a 'CommandBuffer commands' Run parameter), applied when the tick ends",
        EcsCategory,
        StructuralChangeDescription);

    /// <summary>PROM0102</summary>
    public static readonly DiagnosticDescriptor ColumnKeptBeyondTick = new(
        DiagnosticIds.ColumnKeptBeyondTick,
        "Column struct kept beyond its tick",
        "'{0}' keeps a '{1}' {2}; take it again in every tick (chunk.Write<T>(owner), chunk.Read<T>(), the query loop) instead of keeping it",
        EcsCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "A ColumnWriter, ColumnReader, QueryChunk or EntityRow points into one chunk as it was in one tick: after the tick a writer throws, and a reader, chunk or row may see rows that moved or a chunk that was freed. Keep the query (or the owner token) instead and open the columns in each tick; hand columns to work that outlives the call with World.LeaseColumns.",
        HelpRoot + DiagnosticIds.ColumnKeptBeyondTick + ".md");
}
