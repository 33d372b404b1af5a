using System;
using Prom.Bus.Stores;

namespace Prom.Bus.Sqlite;

/// <summary>
/// One queued delivery-state write: either an ack (batched with every other ack of the round, see
/// <c>SqliteBusStore.AckBatchTx</c>) or any other write as a closure that runs in its own savepoint.
/// </summary>
internal readonly struct SqliteStateWrite
{
    private SqliteStateWrite(Func<object?>? body, DeliveryRef ack)
    {
        Body = body;
        Ack = ack;
    }

    /// <summary>The write to run; null for an ack.</summary>
    public Func<object?>? Body { get; }

    /// <summary>The delivery to settle when <see cref="Body"/> is null.</summary>
    public DeliveryRef Ack { get; }

    public bool IsAck => Body is null;

    public static SqliteStateWrite ForAck(DeliveryRef delivery) => new(null, delivery);

    public static SqliteStateWrite ForBody(Func<object?> body) => new(body, default);
}
