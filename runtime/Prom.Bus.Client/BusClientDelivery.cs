using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bus.Client.Wire;
using Prom.Bus.Stores;

namespace Prom.Bus.Client;

/// <summary>
/// One EVENT held by this client. Settle it exactly once. After the connection it came on dropped, the server has given
/// it back to the group: settling it then does nothing and answers <see cref="SettleOutcome.Stale"/>.
/// </summary>
[DebuggerDisplay("{Record.Topic}[{Record.Partition}]@{Record.Offset} attempt {Attempt}")]
public sealed class BusClientDelivery : IBusDelivery
{
    private readonly BusClient _client;
    private int _completed;
    private long _leaseUntil;

    internal BusClientDelivery(BusClient client, BusClientSubscription subscription, EventRecord record, int attempt, long leaseUntil, int generation)
    {
        _client = client;
        Subscription = subscription;
        Record = record;
        Attempt = attempt;
        _leaseUntil = leaseUntil;
        Generation = generation;
    }

    /// <inheritdoc />
    public EventRecord Record { get; }

    /// <inheritdoc />
    public int Attempt { get; }

    /// <inheritdoc />
    public string Group => Subscription.Group;

    /// <inheritdoc />
    /// <remarks>Computed on this machine's clock from the EVENT's <c>ack_deadline_ms</c> (and moved by <see cref="ModAckAsync"/>).</remarks>
    public long LeaseUntil
    {
        get => Interlocked.Read(ref _leaseUntil);
        internal set => Interlocked.Exchange(ref _leaseUntil, value);
    }

    /// <inheritdoc />
    public bool IsCompleted => Volatile.Read(ref _completed) != 0;

    internal BusClientSubscription Subscription { get; }

    /// <summary>The connection generation this EVENT came on.</summary>
    internal int Generation { get; }

    /// <inheritdoc />
    public ValueTask<SettleOutcome> AckAsync(CancellationToken ct = default) =>
        _client.SettleAsync(this, corr => ClientFrames.Ack(corr, Subscription.Topic, Group, Record.Id), "ACK", ct);

    /// <inheritdoc />
    public ValueTask<SettleOutcome> NackAsync(string reason, TimeSpan? delay = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "A nack delay cannot be negative.");
        }

        return _client.SettleAsync(this, corr => ClientFrames.Nack(corr, Subscription.Topic, Group, Record.Id, reason, delay), "NACK", ct);
    }

    /// <inheritdoc />
    public ValueTask<bool> ModAckAsync(TimeSpan extend, CancellationToken ct = default) => _client.ExtendAsync(this, extend, ct);

    /// <inheritdoc />
    /// <remarks>
    /// A RELEASE frame: the record goes back to the group at once and, as in process, the attempt does not count. False
    /// when the lease was already lost (expired and redelivered) or the connection it came on is gone (the server
    /// released it then).
    /// </remarks>
    public async ValueTask<bool> ReleaseAsync(CancellationToken ct = default) =>
        await _client.SettleAsync(this, corr => ClientFrames.Release(corr, Subscription.Topic, Group, Record.Id), "RELEASE", ct)
            .ConfigureAwait(false) is SettleOutcome.Released;

    internal void Complete() => Interlocked.Exchange(ref _completed, 1);
}
