using System;
using System.IO;
using System.Threading.Tasks;

namespace Prom.Sample;

/// <summary>
/// The main job: <c>dotnet run -c Release --project samples/Prom.Sample [output-directory] [gateway]</c>
/// (with <c>gateway</c>, only <see cref="GatewayDemo"/> runs).
/// Each demo uses one capability of the package the way a user would.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        string output = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "prom-sample");
        Directory.CreateDirectory(output);
        if (args.Length > 1 && args[1] == "gateway")
        {
            return await GatewayDemo.RunAsync(output) ? 0 : 1; // only the network part (its test runs this)
        }

        Reading[] readings = StructDemo.Run(output);
        Console.WriteLine();
        await NumpyDemo.RunAsync(readings);
        Console.WriteLine();
        await TypedModuleDemo.RunAsync(readings);
        Console.WriteLine();
        await BusDemo.RunAsync(output);
        Console.WriteLine();
        if (!await GatewayDemo.RunAsync(output))
        {
            throw new InvalidOperationException("The projector did not consume every heartbeat the Python child published.");
        }

        Console.WriteLine();
        SwarmDemo.Run();
        return 0;
    }
}
