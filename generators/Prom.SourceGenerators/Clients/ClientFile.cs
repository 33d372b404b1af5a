namespace Prom.SourceGenerators.Clients;

/// <summary>One file of the emitted clients: its path relative to the output folder (forward slashes) and its text.</summary>
internal sealed record ClientFile(string Path, string Text);
