using System;

namespace Prom;

/// <summary>
/// Marks a partial class as an ECS system. The generator reads its access from the signature of its <c>Run</c>
/// method and emits the query loop (no reflection, no delegate per entity, no allocation), a runner for the scheduler,
/// and the assembly's static schedule in <c>Prom.Generated.PromSystems</c>.
/// </summary>
/// <remarks>
/// <para>A <c>Run</c> method takes one of three shapes:</para>
/// <list type="bullet">
/// <item><b>per entity</b>: <c>ref T</c> for an owned <see cref="ComponentAttribute">[Component]</see> (the system becomes
/// its only writer; the value is written back with set-if-changed semantics), <c>in T</c> to read one (its committed
/// <c>prev</c> value), <c>[Current] in T</c> to read the value its owner wrote this tick, <c>Entity</c>;</item>
/// <item><b>per chunk</b>: <c>ColumnWriter&lt;T&gt;</c> / <c>TWriteColumns</c> (owned), <c>ColumnReader&lt;T&gt;</c> /
/// <c>TReadColumns</c> (read), <c>QueryChunk</c>, <c>ReadOnlySpan&lt;Entity&gt;</c> — column spans for SIMD;</item>
/// <item><b>once per tick</b>: resources, effects, events, commands, <c>ColumnLease&lt;T&gt;</c> only; may return
/// <c>ValueTask</c> or <c>Task</c> (async systems are awaited).</item>
/// </list>
/// <para>In every shape, <c>in R</c> / <c>R</c> reads a world resource and <c>ref R</c> writes it (writers and readers of
/// one resource never run in the same batch), <c>CommandBuffer</c> records structural changes, <c>EffectWriter&lt;E&gt;</c>
/// appends effects, <c>EventReader&lt;V&gt;</c> reads effect results, <c>CancellationToken</c> observes shutdown.</para>
/// <para>Optional parameterless <c>Prepare()</c> and <c>Cleanup()</c> methods run before and after <c>Run</c>.</para>
/// </remarks>
/// <example>
/// <code>
/// [System(After = new[] { nameof(Spawner) })]
/// public partial class Movement
/// {
///     public void Run(ref Position position, in Velocity velocity, in FrameTime time)
///     {
///         position.X += velocity.X * time.DeltaSeconds;
///     }
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SystemAttribute : Attribute
{
    /// <summary>The system's name in the schedule and in error messages; the class name when null.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// The stage the system runs in: <c>startup</c> (once, before the first tick), <c>update</c> (default), <c>late</c>,
    /// <c>render</c>, <c>cleanup</c>, or a stage declared with <see cref="StagesAttribute"/>.
    /// </summary>
    public string Stage { get; set; } = "update";

    /// <summary>Names of systems of the same stage this system must run before.</summary>
    public string[]? Before { get; set; }

    /// <summary>Names of systems of the same stage this system must run after.</summary>
    public string[]? After { get; set; }

    /// <summary>Skips the system for a tick when its query matches no entity.</summary>
    public bool SkipIfEmpty { get; set; }

    /// <summary>Components an entity must not have to be visited (in addition to the <c>Run</c> parameters).</summary>
    public Type[]? None { get; set; }

    /// <summary>Components of which an entity must have at least one to be visited.</summary>
    public Type[]? Any { get; set; }

    /// <summary>Visits only entities where one of these components changed in the previous tick.</summary>
    public Type[]? Changed { get; set; }
}
