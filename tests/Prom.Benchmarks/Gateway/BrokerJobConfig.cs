using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Mathematics.OutlierDetection;
using Prom.Benchmarks.Bus;

namespace Prom.Benchmarks.Gateway;

/// <summary>
/// Macro-benchmark job for the broker comparison: every iteration is exactly one invocation of the benchmark (one
/// round trip, or one batch of records), nothing is unrolled, and outliers are kept, so that Median/P95/P99 are
/// percentiles of single operations and a slow one is never dropped from P99. Run it without <c>--inProcess</c> (the
/// job is in process already; the switch would add a second, default job).
/// </summary>
public class BrokerJobConfig : ManualConfig
{
    public BrokerJobConfig(int warmups, int iterations)
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithWarmupCount(warmups)
            .WithIterationCount(iterations)
            .WithLaunchCount(1)
            .WithOutlierMode(OutlierMode.DontRemove)
            // In process: no generated project to build (minutes on this machine); the brokers are child processes anyway.
            .WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, new P99Column(), new RecordsPerSecondColumn());
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
    }
}
