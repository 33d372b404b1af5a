namespace Prom.CodeModel.Diagnostics;

public static partial class DiagnosticIds
{
    /// <summary>A structural change on the world inside a query loop or a system's Run, outside a command buffer.</summary>
    public const string StructuralChangeInQueryLoop = "PROM0101";

    /// <summary>A column writer, column reader, query chunk or entity row kept beyond the tick it was taken in.</summary>
    public const string ColumnKeptBeyondTick = "PROM0102";
}
