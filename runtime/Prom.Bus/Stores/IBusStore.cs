using System;

namespace Prom.Bus.Stores;

/// <summary>
/// The storage contract of the bus: the five roles in one interface, which is what DI registers and
/// <see cref="EventBus"/> takes. Every operation is atomic on its own; the claim/ack/nack primitives are shaped for
/// row-level stores (SQLite transactions, PostgreSQL <c>FOR UPDATE SKIP LOCKED</c>, MongoDB <c>findOneAndUpdate</c> on
/// <c>events</c>/<c>cursors</c>/<c>deliveries</c>), so several processes can share one store. Every implementation must
/// pass the shared conformance suite in tests/Prom.Bus.Tests/Conformance; docs/bus.md ("Stores") maps each store's files
/// onto the roles.
/// <list type="bullet">
/// <item><see cref="IEventLog"/>: topics, append, read, find by id, latest by key.</item>
/// <item><see cref="IConsumerGroupStore"/>: join, group state, claim, ack, nack, lease extension, release.</item>
/// <item><see cref="IMembershipStore"/>: heartbeats and live members.</item>
/// <item><see cref="IIdempotencyStore"/>: processed keys.</item>
/// <item><see cref="ILogMaintenance"/>: compaction and retention.</item>
/// </list>
/// A store shared by several processes may also implement <see cref="IAppendNotifier"/>.
/// </summary>
public interface IBusStore : IEventLog, IConsumerGroupStore, IMembershipStore, IIdempotencyStore, ILogMaintenance, IAsyncDisposable
{
}
