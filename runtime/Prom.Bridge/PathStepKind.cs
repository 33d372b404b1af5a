namespace Prom.Bridge;

/// <summary>The kinds of <see cref="PathStep"/>.</summary>
internal enum PathStepKind
{
    /// <summary><c>getattr(current, Name)</c>.</summary>
    Attr,

    /// <summary><c>current(*Args, **Kwargs)</c>.</summary>
    Call,

    /// <summary><c>current[Key]</c>.</summary>
    Item,
}
