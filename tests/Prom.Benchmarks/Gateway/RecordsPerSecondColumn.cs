using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Prom.Benchmarks.Gateway;

/// <summary>Records per second from the mean time per record (the benchmarks set <c>OperationsPerInvoke</c> to the record count).</summary>
public sealed class RecordsPerSecondColumn : IColumn
{
    public string Id => "RecordsPerSecond";
    public string ColumnName => "Records/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Records published, delivered and acked per second (1 s / mean time per record)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics is { } stats
            ? (1e9 / stats.Mean).ToString("N0", CultureInfo.InvariantCulture)
            : "NA";

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
