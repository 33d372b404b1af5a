using System;

namespace Prom.Bus;

/// <summary>Capped exponential backoff with jitter: <c>d = min(max, base·2^(attempt−1))</c>, then <c>d·(1 − jitter·u)</c> with u uniform in [0, 1).</summary>
public static class Backoff
{
    /// <summary>The delay before redelivering after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public static TimeSpan Compute(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double jitter, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int exponent = Math.Clamp(attempt - 1, 0, 30);
        double ms = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        ms *= 1 - (jitter * random.NextDouble());
        return TimeSpan.FromMilliseconds(ms);
    }
}
