namespace Prom.CodeModel.Topics;

/// <summary>
/// Mirror of <c>Prom.Compatibility</c> (the code model targets netstandard2.0 and cannot reference the attribute
/// assembly); the numeric values are the same, so the attribute's constant maps by value.
/// </summary>
public enum TopicCompatibility
{
    /// <summary>No check.</summary>
    None = 0,
    /// <summary>New reads previous.</summary>
    Backward = 1,
    /// <summary>Previous reads new.</summary>
    Forward = 2,
    /// <summary>Both.</summary>
    Full = 3,
    /// <summary>Backward against every earlier version.</summary>
    BackwardTransitive = 4,
    /// <summary>Forward against every earlier version.</summary>
    ForwardTransitive = 5,
    /// <summary>Full against every earlier version.</summary>
    FullTransitive = 6,
}
