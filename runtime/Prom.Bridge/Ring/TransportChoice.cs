using System;

namespace Prom.Bridge.Ring;

/// <summary>
/// Picks the transport of a lone call by what each has been measured to cost here: the shared ring wins on a machine
/// with a core to spare for each side, the pipe on an oversubscribed one (where a spinning peer is descheduled and the
/// ring only adds work). Lone calls on both transports are timed from the write to the answer; a short-memory average
/// (outliers clipped at 4× the average) decides, and every 64th call tries the other transport so a change of load
/// is noticed. Only the writer-lock holder asks and only the baton holder records, so no locking is needed (a torn
/// decision only costs one call the slower transport).
/// </summary>
internal sealed class TransportChoice
{
    private const int ExploreEvery = 64;
    private long _ringTicks;
    private long _pipeTicks;
    private int _calls;

    /// <summary>True when the next lone call should take the ring.</summary>
    public bool PreferRing()
    {
        int call = ++_calls;
        if (_ringTicks == 0 || _pipeTicks == 0)
        {
            return _ringTicks == 0 || call % 2 == 0; // measure both first
        }

        bool ringFaster = _ringTicks <= _pipeTicks;
        return call % ExploreEvery == 0 ? !ringFaster : ringFaster;
    }

    /// <summary>Records the round trip of a lone call that the caller read itself.</summary>
    public void Record(bool viaRing, long ticks)
    {
        ref long average = ref viaRing ? ref _ringTicks : ref _pipeTicks;
        long sample = average == 0 ? ticks : Math.Min(ticks, 4 * average);
        average = average == 0 ? Math.Max(sample, 1) : Math.Max(average + ((sample - average) / 8), 1);
    }

    /// <summary>The averages, for tests and diagnostics (Stopwatch ticks; 0 = not measured yet).</summary>
    public (long Ring, long Pipe) Averages => (_ringTicks, _pipeTicks);
}
