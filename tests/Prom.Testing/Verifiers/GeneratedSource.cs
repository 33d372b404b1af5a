using System;

namespace Prom.Testing.Verifiers;

/// <summary>One generated file: the generator that added it, its hint name and its text.</summary>
/// <param name="Generator">The generator type.</param>
/// <param name="HintName">The hint name, e.g. <c>Game.Trail.Struct.g.cs</c>.</param>
/// <param name="Text">The generated text.</param>
public sealed record GeneratedSource(Type Generator, string HintName, string Text);
