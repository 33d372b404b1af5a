namespace Prom.CodeModel.Topics;

/// <summary>
/// A well-formed <c>[Upcaster]</c> method reduced to values: which payload type it reads and which it returns. Whether
/// those are consecutive versions of one topic is decided by <see cref="TopicUpcastPlanner"/> against the topic models.
/// </summary>
/// <param name="Method">The method as generated code calls it, e.g. <c>global::Ops.HeartbeatV2.Up</c>.</param>
/// <param name="DisplayName">For messages, e.g. <c>HeartbeatV2.Up</c>.</param>
/// <param name="FromType">Fully qualified parameter type (version N).</param>
/// <param name="ToType">Fully qualified return type (version N+1).</param>
public sealed record TopicUpcasterModel(string Method, string DisplayName, string FromType, string ToType);
