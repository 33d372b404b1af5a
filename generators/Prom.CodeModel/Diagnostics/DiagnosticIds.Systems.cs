namespace Prom.CodeModel.Diagnostics;

public static partial class DiagnosticIds
{
    /// <summary>A [System] class is not partial.</summary>
    public const string SystemMustBePartial = "PROM0200";

    /// <summary>A [System] class is generic, nested, static or abstract, or cannot be constructed.</summary>
    public const string InvalidSystemDeclaration = "PROM0201";

    /// <summary>A [System] has no Run method, or more than one.</summary>
    public const string SystemRunMethod = "PROM0202";

    /// <summary>A Run parameter has a type or passing mode the generator does not support.</summary>
    public const string UnsupportedSystemParameter = "PROM0203";

    /// <summary>A Run method mixes per-entity and per-chunk parameters, or is async with loop parameters.</summary>
    public const string InvalidRunShape = "PROM0204";

    /// <summary>Two systems own one component.</summary>
    public const string ComponentOwnedTwice = "PROM0205";

    /// <summary>A system writes a component it does not own.</summary>
    public const string WriteWithoutOwnership = "PROM0206";

    /// <summary>A system reads next or writes prev outside the named escape hatches.</summary>
    public const string BufferEscape = "PROM0207";

    /// <summary>Before/After/resource/current edges form a cycle.</summary>
    public const string ScheduleCycle = "PROM0208";

    /// <summary>Before/After names no system.</summary>
    public const string UnknownOrderTarget = "PROM0209";

    /// <summary>Two systems have one name.</summary>
    public const string DuplicateSystemName = "PROM0210";

    /// <summary>A system's stage is not in the stage order.</summary>
    public const string UnknownStage = "PROM0211";

    /// <summary>A before/after or [Current] edge points against the stage order.</summary>
    public const string OrderAgainstStages = "PROM0212";

    /// <summary>[assembly: Stages(...)] lists a stage twice or an empty name.</summary>
    public const string InvalidStageOrder = "PROM0213";
}
