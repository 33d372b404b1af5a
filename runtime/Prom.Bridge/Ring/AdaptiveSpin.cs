using System.Diagnostics;
using System.Threading;

namespace Prom.Bridge.Ring;

/// <summary>
/// The host's spin-then-wait policy for a reply in the shared ring: spin at most <see cref="PyBridgeOptions.RingSpin"/>;
/// after two spins in a row that ended without the reply, do not spin for the next 64 waits, then try again. On two
/// shared cores a spinning thread can hold the very core the child needs to answer (the scheduler may put both on
/// one): spinning then only delays the answer, so the policy stops as soon as spinning does not pay. The Python half
/// follows the same rule for requests.
/// </summary>
internal sealed class AdaptiveSpin
{
    private const int MissesBeforeBackingOff = 2;
    private const int WaitsWithoutSpinning = 64;
    private readonly long _limitTicks;
    private int _misses;
    private int _quietWaits;

    public AdaptiveSpin(System.TimeSpan limit) => _limitTicks = (long)(limit.TotalSeconds * Stopwatch.Frequency);

    /// <summary>True when this wait should spin first (counts the waits while backed off).</summary>
    public bool ShouldSpin()
    {
        if (_limitTicks <= 0)
        {
            return false;
        }

        if (_quietWaits > 0)
        {
            _quietWaits--;
            return false;
        }

        return true;
    }

    /// <summary>Spins until <paramref name="channel"/> holds a record or the limit passes; true when the record came.</summary>
    public bool SpinFor(RingChannel channel, long started)
    {
        for (int i = 1; ; i++)
        {
            if (channel.HasRecord)
            {
                Hit();
                return true;
            }

            // No sched_yield: on a busy machine it hands the rest of the time slice to whoever is queued (milliseconds),
            // far worse than blocking on the pipe after the bounded spin.
            if ((i & 31) == 0)
            {
                if (Stopwatch.GetTimestamp() - started > _limitTicks)
                {
                    Miss();
                    return false;
                }
            }
            else
            {
                Thread.SpinWait(4);
            }
        }
    }

    private void Hit() => _misses = 0;

    private void Miss()
    {
        if (++_misses >= MissesBeforeBackingOff)
        {
            _misses = 0;
            _quietWaits = WaitsWithoutSpinning;
        }
    }
}
