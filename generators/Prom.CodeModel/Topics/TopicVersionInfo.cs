namespace Prom.CodeModel.Topics;

/// <summary>One valid [Topic] version as the cross-version planning sees it (values only, cache friendly).</summary>
/// <param name="TopicName">The topic name.</param>
/// <param name="Version">The version.</param>
/// <param name="Compatibility">The declared compatibility mode of this version.</param>
/// <param name="PayloadType">Fully qualified payload type, e.g. <c>global::Ops.HeartbeatV2</c>.</param>
/// <param name="TypeName">The payload type's simple name.</param>
/// <param name="Namespace">The namespace of the payload and of its generated class, or null.</param>
/// <param name="GeneratedClassName">The generated class's simple name, e.g. <c>HeartbeatV2Topic</c>.</param>
public sealed record TopicVersionInfo(
    string TopicName,
    int Version,
    Compatibility Compatibility,
    string PayloadType,
    string TypeName,
    string? Namespace,
    string GeneratedClassName)
{
    /// <summary>The generated class, fully qualified, e.g. <c>global::Ops.HeartbeatV2Topic</c>.</summary>
    public string GeneratedClass => (Namespace is { } ns ? "global::" + ns + "." : "global::") + GeneratedClassName;

    /// <summary>The summary of a topic model.</summary>
    public static TopicVersionInfo From(TopicModel model) => new(
        model.TopicName, model.Version, model.Compatibility, model.FullyQualifiedName, model.TypeName, model.Namespace, model.GeneratedClassName);

    /// <summary>Whether a reader of this version reads records of the previous version (backward, full and transitive forms).</summary>
    public bool ReadsPrevious => Compatibility is Compatibility.Backward or Compatibility.BackwardTransitive
        or Compatibility.Full or Compatibility.FullTransitive;

    /// <summary>Whether a reader of the previous version reads records of this version (forward, full and transitive forms).</summary>
    public bool ReadableByPrevious => Compatibility is Compatibility.Forward or Compatibility.ForwardTransitive
        or Compatibility.Full or Compatibility.FullTransitive;
}
