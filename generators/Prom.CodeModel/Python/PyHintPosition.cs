namespace Prom.CodeModel.Python;

/// <summary>Where a hint appears: some hints map differently as an argument, a result or inside a container.</summary>
public enum PyHintPosition
{
    /// <summary>A parameter.</summary>
    Parameter,
    /// <summary>A function's result.</summary>
    Return,
    /// <summary>Inside a list, tuple, dict or iterator.</summary>
    Element,
}
