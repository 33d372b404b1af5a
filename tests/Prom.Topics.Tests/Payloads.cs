using System;
using Prom;

namespace Prom.Topics.Tests;

[Topic("ping.sent", Version = 2, Partitions = 3, RetentionDays = 2, Compaction = true, Key = nameof(Source))]
public sealed record Ping(int Seq, string Source, double? Latency = null);

[Topic("job.finished", Key = nameof(JobId))]
public sealed class JobFinished
{
    public Guid JobId { get; init; }
    public DateTimeOffset At { get; set; }
    public bool Ok { get; set; }
}
