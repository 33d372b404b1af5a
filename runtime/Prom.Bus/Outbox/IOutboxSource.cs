using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Bus.Outbox;

/// <summary>
/// Where a transactional outbox keeps rows written in the application's own transaction (see
/// <c>Prom.Bus.Sqlite.SqliteOutbox</c>). Each pending row is a <see cref="PublishRequest"/> whose
/// <see cref="PublishRequest.Id"/> is the outbox row id, which becomes the event id.
/// </summary>
public interface IOutboxSource
{
    /// <summary>Up to <paramref name="max"/> rows not yet marked published, oldest first.</summary>
    ValueTask<IReadOnlyList<PublishRequest>> FetchPendingAsync(int max, CancellationToken ct = default);

    /// <summary>Marks rows published (after the bus made them durable).</summary>
    ValueTask MarkPublishedAsync(IReadOnlyList<string> ids, CancellationToken ct = default);
}
