namespace Prom.Bridge;

/// <summary>A snapshot of one bridge: Python's object table and the host's counters.</summary>
/// <param name="PythonObjects">Objects in Python's handle table.</param>
/// <param name="PythonReferences">Handle references Python has sent and the host has not released yet.</param>
/// <param name="PythonSharedMaps">Shared-memory files Python has mapped.</param>
/// <param name="PythonRequests">Requests Python has answered (this one included).</param>
/// <param name="HostHandles">Handle ids with a live (or not yet finalized) <see cref="PyObject"/> on the host.</param>
/// <param name="InFlight">Requests sent and not answered, when the snapshot was taken (this one included).</param>
/// <param name="MaxInFlightObserved">The most requests ever outstanding at once.</param>
/// <param name="RequestsSent">Requests written to Python since start.</param>
/// <param name="BytesSent">Bytes written to Python's stdin, frame headers included.</param>
/// <param name="BytesReceived">Bytes read from Python's protocol stream, frame headers included.</param>
public sealed record PyBridgeStats(
    long PythonObjects,
    long PythonReferences,
    long PythonSharedMaps,
    long PythonRequests,
    int HostHandles,
    int InFlight,
    int MaxInFlightObserved,
    long RequestsSent,
    long BytesSent,
    long BytesReceived);
