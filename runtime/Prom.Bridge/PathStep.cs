namespace Prom.Bridge;

/// <summary>One step of a lazy <see cref="PyPath"/>: <c>getattr</c>, a call, or <c>getitem</c>.</summary>
internal readonly record struct PathStep(PathStepKind Kind, string? Name, object?[]? Args, PyKwargs? Kwargs, object? Key);
