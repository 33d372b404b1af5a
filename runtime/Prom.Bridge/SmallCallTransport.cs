namespace Prom.Bridge;

/// <summary>How a call that is the only one in flight travels (<see cref="PyBridgeOptions.SmallCalls"/>).</summary>
public enum SmallCallTransport
{
    /// <summary>
    /// The shared-memory ring or the pipe, whichever has been measured faster on this machine lately (every 64th lone
    /// call tries the other): the ring when each side has a core to spin on, the pipe when the machine is oversubscribed.
    /// Not the default yet: under heavy load the reliability tests saw a 100 ms call timeout fire over 200 ms late in
    /// about one run in five with it (never with either fixed transport); the cause was not found in time.
    /// </summary>
    Adaptive,

    /// <summary>Always the shared-memory ring when the message fits (64 KiB), for a machine known to have cores to spare.</summary>
    SharedMemory,

    /// <summary>Always the pipe: no ring file, no spinning anywhere (the default).</summary>
    Pipe,
}
