namespace Prom.Bus.Gateway.Policy;

/// <summary>Why a payload policy refused a publish.</summary>
/// <param name="Field">The offending field, as a path into the frame (for example <c>payload.pid</c>).</param>
/// <param name="Message">What is wrong with it, for humans.</param>
public sealed record PayloadRejection(string Field, string Message);
