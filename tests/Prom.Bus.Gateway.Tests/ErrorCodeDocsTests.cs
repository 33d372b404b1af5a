using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Prom.Bus.Gateway.Protocol;
using Prom.Testing;
using Xunit;

namespace Prom.Bus.Gateway.Tests;

/// <summary>Clients in other languages are written from docs/gateway.md: every code the server can send must be in its table.</summary>
public sealed class ErrorCodeDocsTests
{
    [Fact]
    public void Every_error_code_is_documented_and_every_bus_error_has_a_wire_code()
    {
        string doc = File.ReadAllText(Path.Combine(RepositoryLayout.Root(), "docs", "gateway.md"));
        string[] codes = typeof(GatewayErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();
        Assert.NotEmpty(codes);
        Assert.All(codes, code => Assert.Contains($"| `{code}` |", doc, StringComparison.Ordinal));
        foreach (BusErrorCode bus in Enum.GetValues<BusErrorCode>())
        {
            Assert.Contains(GatewayErrorCodes.FromBus(bus), codes);
        }
    }
}
