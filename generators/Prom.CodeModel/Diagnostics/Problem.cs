using Microsoft.CodeAnalysis;

namespace Prom.CodeModel.Diagnostics;

/// <summary>
/// A problem found while reading declarations: what analyzers report. Holds a <see cref="Location"/>, so it never
/// flows through an incremental generator pipeline (the generator only takes the model and skips invalid input).
/// </summary>
public sealed class Problem
{
    /// <summary>Creates a problem.</summary>
    public Problem(DiagnosticDescriptor descriptor, Location? location, params object?[] messageArgs)
    {
        Descriptor = descriptor;
        Location = location;
        MessageArgs = messageArgs;
    }

    /// <summary>The diagnostic.</summary>
    public DiagnosticDescriptor Descriptor { get; }

    /// <summary>Where to report it.</summary>
    public Location? Location { get; }

    /// <summary>Message arguments.</summary>
    public object?[] MessageArgs { get; }

    /// <summary>The diagnostic to report.</summary>
    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location, MessageArgs);
}
