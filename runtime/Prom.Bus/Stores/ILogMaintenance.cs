using System.Threading;
using System.Threading.Tasks;

namespace Prom.Bus.Stores;

/// <summary>
/// Role of a store: deleting records (compaction and retention). Deleted offsets count as settled for every group, so
/// each deletion also advances the watermarks it unblocks.
/// </summary>
public interface ILogMaintenance
{
    /// <summary>Deletes every keyed record that a later record with the same key in the same partition supersedes; returns how many.</summary>
    ValueTask<int> CompactAsync(string topic, CancellationToken ct = default);

    /// <summary>Deletes records with <c>ts &lt; olderThan</c>; returns how many.</summary>
    ValueTask<int> DeleteOlderThanAsync(string topic, long olderThan, CancellationToken ct = default);
}
