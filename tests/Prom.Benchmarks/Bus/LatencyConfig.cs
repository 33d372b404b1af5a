using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace Prom.Benchmarks.Bus;

/// <summary>Adds median (p50), P95 and P99 columns for the round-trip benchmarks.</summary>
public sealed class LatencyConfig : ManualConfig
{
    public LatencyConfig()
    {
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, new P99Column());
    }
}
