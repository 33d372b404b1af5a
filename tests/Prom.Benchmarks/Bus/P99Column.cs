using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Prom.Benchmarks.Bus;

/// <summary>The 99th percentile of the per-operation time (BenchmarkDotNet's built-in columns stop at P95).</summary>
public sealed class P99Column : IColumn
{
    public string Id => "P99";
    public string ColumnName => "P99";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Statistics;
    public int PriorityInCategory => 10;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Time;
    public string Legend => "99th percentile of one operation";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var stats = summary[benchmarkCase]?.ResultStatistics;
        if (stats is null)
        {
            return "NA";
        }

        double ns = stats.Percentiles.Percentile(99);
        return ns >= 1_000_000 ? $"{ns / 1_000_000:0.000} ms" : $"{ns / 1_000:0.00} us";
    }

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
