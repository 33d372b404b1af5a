namespace Prom.CodeModel.Systems;

/// <summary>How the generated runner calls Run.</summary>
public enum SystemShape
{
    /// <summary>Once per tick.</summary>
    Once,

    /// <summary>Once per matching entity, in chunk order.</summary>
    PerEntity,

    /// <summary>Once per matching chunk.</summary>
    PerChunk,
}

/// <summary>What Run returns.</summary>
public enum SystemReturn
{
    /// <summary><c>void</c></summary>
    Void,

    /// <summary><c>System.Threading.Tasks.ValueTask</c></summary>
    ValueTask,

    /// <summary><c>System.Threading.Tasks.Task</c></summary>
    Task,
}
