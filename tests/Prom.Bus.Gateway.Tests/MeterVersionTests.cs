using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Prom.Bus.Gateway.OpsHttp;
using Prom.Testing;
using Xunit;

namespace Prom.Bus.Gateway.Tests;

/// <summary>The meters exported at <c>/metrics</c> carry the package's version, not a number written by hand.</summary>
public sealed class MeterVersionTests
{
    [Fact]
    public void Bus_and_gateway_meters_report_the_version_prefix_of_the_build()
    {
        string props = File.ReadAllText(Path.Combine(RepositoryLayout.Root(), "Directory.Build.props"));
        string expected = Regex.Match(props, "<VersionPrefix>([^<]+)</VersionPrefix>").Groups[1].Value;
        Assert.Matches(@"^\d+\.\d+\.\d+$", expected);

        var versions = new Dictionary<string, string?>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name is BusMetrics.MeterName or GatewayMetrics.MeterName)
            {
                lock (versions) versions[instrument.Meter.Name] = instrument.Meter.Version;
            }
        };

        // The instruments are static fields: make sure both classes have created them before the listener looks.
        RuntimeHelpers.RunClassConstructor(typeof(BusMetrics).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(GatewayMetrics).TypeHandle);
        listener.Start();

        Assert.Equal(expected, versions[BusMetrics.MeterName]);
        Assert.Equal(expected, versions[GatewayMetrics.MeterName]);
    }
}
