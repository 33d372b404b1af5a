using Microsoft.CodeAnalysis;

namespace Prom.CodeModel.Diagnostics;

public static partial class DiagnosticDescriptors
{
    private const string SystemCategory = "Prom.System";

    /// <summary>PROM0200</summary>
    public static readonly DiagnosticDescriptor SystemMustBePartial = Error(
        DiagnosticIds.SystemMustBePartial,
        "[System] class must be partial",
        "'{0}' is marked [System] but is not partial; declare it 'partial class {0}' so the generator can add its runner",
        SystemCategory,
        "The generator adds the scheduler's runner and the query loop next to the class, which needs a partial declaration.");

    /// <summary>PROM0201</summary>
    public static readonly DiagnosticDescriptor InvalidSystemDeclaration = Error(
        DiagnosticIds.InvalidSystemDeclaration,
        "Invalid [System] declaration",
        "[System] '{0}' {1}",
        SystemCategory,
        "A system is a top-level, non-generic, non-static, non-abstract partial class with one public constructor (or a parameterless one) whose parameters come from the service provider.");

    /// <summary>PROM0202</summary>
    public static readonly DiagnosticDescriptor SystemRunMethod = Error(
        DiagnosticIds.SystemRunMethod,
        "[System] needs exactly one Run method",
        "[System] '{0}' {1}; declare one instance method named Run whose parameters say what the system reads and writes",
        SystemCategory,
        "The signature of Run is the system's access declaration: the generator derives ownership, reads, resources and the query from it.");

    /// <summary>PROM0203</summary>
    public static readonly DiagnosticDescriptor UnsupportedSystemParameter = Error(
        DiagnosticIds.UnsupportedSystemParameter,
        "Unsupported Run parameter",
        "Parameter '{1}' of '{0}.Run' is not supported: {2}",
        SystemCategory,
        "Run parameters are components (ref/in), entities, column readers/writers, chunk spans, resources (ref/in/by value), command buffers, effect writers, event readers, column leases and a CancellationToken.");

    /// <summary>PROM0204</summary>
    public static readonly DiagnosticDescriptor InvalidRunShape = Error(
        DiagnosticIds.InvalidRunShape,
        "Run method has no single iteration shape",
        "'{0}.Run' {1}",
        SystemCategory,
        "A Run method is per entity (ref/in components, Entity), per chunk (column readers/writers, QueryChunk, entity spans) or once per tick (only resources and the like, and only then may it return ValueTask or Task).");

    /// <summary>PROM0205</summary>
    public static readonly DiagnosticDescriptor ComponentOwnedTwice = CompilationEndError(
        DiagnosticIds.ComponentOwnedTwice,
        "Component owned by two systems",
        "'{0}' is written by two systems, '{1}' and '{2}'; every component has exactly one owner: let one system write it and the other read it (in {0}) or emit an effect",
        SystemCategory,
        "Double-buffered components have exactly one writer, so owners never conflict and can run in parallel.");

    /// <summary>PROM0206</summary>
    public static readonly DiagnosticDescriptor WriteWithoutOwnership = Error(
        DiagnosticIds.WriteWithoutOwnership,
        "System writes a component it does not own",
        "System '{0}' writes '{1}' through {2} but does not own it; take it as 'ref {1}' (or a column writer) in Run, or leave the write to its owner",
        SystemCategory,
        "Only the owner of a component writes it; the run-time check throws, and this diagnostic catches the write at compile time.");

    /// <summary>PROM0207</summary>
    public static readonly DiagnosticDescriptor BufferEscape = Error(
        DiagnosticIds.BufferEscape,
        "System reads next or writes prev outside the escape hatches",
        "System '{0}' {1} through {2}; {3}",
        SystemCategory,
        "Systems read the committed prev buffer and write next. Reading the current tick's value goes through a [Current] parameter, which also orders the schedule; prev is never written.");

    /// <summary>PROM0208</summary>
    public static readonly DiagnosticDescriptor ScheduleCycle = CompilationEndError(
        DiagnosticIds.ScheduleCycle,
        "Systems form an ordering cycle",
        "Systems {0} of stage '{1}' form an ordering cycle ({2}); remove one of these Before/After/[Current] constraints",
        SystemCategory,
        "The schedule is a DAG: every Before/After edge, every [Current] read (owner first) and every resource conflict orders two systems, and a cycle has no valid order.");

    /// <summary>PROM0209</summary>
    public static readonly DiagnosticDescriptor UnknownOrderTarget = CompilationEndError(
        DiagnosticIds.UnknownOrderTarget,
        "Before/After names no system",
        "System '{0}' runs {1} '{2}', but no [System] has that name (systems: {3})",
        SystemCategory,
        "Before and After name systems by their schedule name (the class name unless [System(Name = ...)] is set); use nameof to keep them in sync.");

    /// <summary>PROM0210</summary>
    public static readonly DiagnosticDescriptor DuplicateSystemName = CompilationEndError(
        DiagnosticIds.DuplicateSystemName,
        "Two systems have the same name",
        "System name '{0}' is used by both '{1}' and '{2}'; give one of them another [System(Name = ...)]",
        SystemCategory,
        "System names identify systems in Before/After, in the schedule export and in error messages, so they are unique.");

    /// <summary>PROM0211</summary>
    public static readonly DiagnosticDescriptor UnknownStage = CompilationEndError(
        DiagnosticIds.UnknownStage,
        "Unknown stage",
        "System '{0}' runs in stage '{1}', which is not in the stage order ({2}); use one of them or declare it with [assembly: Stages(...)]",
        SystemCategory,
        "Stages run in a fixed order: startup, update, late, render, cleanup, or the order [assembly: Stages(...)] declares.");

    /// <summary>PROM0212</summary>
    public static readonly DiagnosticDescriptor OrderAgainstStages = CompilationEndError(
        DiagnosticIds.OrderAgainstStages,
        "Ordering constraint contradicts the stage order",
        "System '{0}' must run {1} '{2}', but '{0}' is in stage '{3}' and '{2}' in stage '{4}', which run the other way round",
        SystemCategory,
        "Stages run one after another, so an ordering constraint between systems of different stages holds only when it agrees with the stage order.");

    /// <summary>PROM0213</summary>
    public static readonly DiagnosticDescriptor InvalidStageOrder = Error(
        DiagnosticIds.InvalidStageOrder,
        "Invalid stage order",
        "[assembly: Stages(...)] lists {0}; every stage must have a name and appear once",
        SystemCategory,
        "The stage order is a list of distinct stage names; a repeated or empty name has no place in the order.");
}
