using System.Threading;
using System.Threading.Tasks;

namespace Prom.Bus.Stores;

/// <summary>Role of a store: idempotency keys of idempotent consumers (MongoDB: collection <c>processed</c> with a TTL index).</summary>
public interface IIdempotencyStore
{
    /// <summary>Whether the idempotency key was marked and has not expired at <paramref name="now"/>.</summary>
    ValueTask<bool> IsProcessedAsync(string key, long now, CancellationToken ct = default);

    /// <summary>Marks an idempotency key until <paramref name="expiresAt"/>.</summary>
    ValueTask MarkProcessedAsync(string key, long expiresAt, CancellationToken ct = default);

    /// <summary>Deletes expired idempotency keys; returns how many.</summary>
    ValueTask<int> PurgeProcessedAsync(long now, CancellationToken ct = default);
}
