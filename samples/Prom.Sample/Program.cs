using System;
using System.IO;
using System.Threading.Tasks;

namespace Prom.Sample;

/// <summary>
/// The main job: <c>dotnet run -c Release --project samples/Prom.Sample [output-directory]</c>.
/// Each demo uses one capability of the package the way a user would.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        string output = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "prom-sample");
        Directory.CreateDirectory(output);
        Reading[] readings = StructDemo.Run(output);
        Console.WriteLine();
        await NumpyDemo.RunAsync(readings);
        Console.WriteLine();
        await TypedModuleDemo.RunAsync(readings);
        Console.WriteLine();
        await BusDemo.RunAsync(output);
        Console.WriteLine();
        SwarmDemo.Run();
        return 0;
    }
}
