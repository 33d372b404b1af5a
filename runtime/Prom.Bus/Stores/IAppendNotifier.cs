using System;

namespace Prom.Bus.Stores;

/// <summary>
/// Optional capability of a store shared by several processes: it reports appends made by any process (PostgreSQL:
/// <c>LISTEN/NOTIFY</c>), so idle subscriptions wake at once instead of polling. A bus over such a store polls only every
/// <see cref="BusOptions.NotifiedPollInterval"/>, as the fallback for a missed notification, an expired lease or a nack
/// delay.
/// </summary>
public interface IAppendNotifier
{
    /// <summary>
    /// Raised with the topic name and the number of records after records of that topic were committed (by this or
    /// another process) or given back for redelivery. The bus wakes at most that many idle members per group
    /// (<c>int.MaxValue</c>: unknown, wake every idle member). Handlers must be quick and must not throw; they may run on
    /// any thread.
    /// </summary>
    event Action<string, int>? Appended;
}
