using BenchmarkDotNet.Running;

namespace Prom.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project tests/Prom.Benchmarks -- --filter '*Struct*'</c>.
/// Every benchmark class compares against a baseline measured in the same run; results go to docs/benchmarks.md.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
