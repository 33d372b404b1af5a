using System;
using System.Threading.Tasks;
using Prom.Bridge;
using Xunit;

namespace Prom.Bridge.Tests;

/// <summary>One Python process shared by the tests of a class that leave it healthy.</summary>
public sealed class BridgeFixture : IAsyncLifetime
{
    private PyBridge? _bridge;

    public PyBridge Py => _bridge ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _bridge = await PyBridge.StartAsync(TestPython.Options());

    public async Task DisposeAsync()
    {
        if (_bridge is not null)
        {
            await _bridge.DisposeAsync();
        }
    }
}
