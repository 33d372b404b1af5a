using Prom.Bus.InMemory;
using Prom.Bus.Stores;

namespace Prom.Bus.Tests.Conformance;

/// <summary>The conformance suite on <see cref="InMemoryBusStore"/>.</summary>
public sealed class InMemoryConformanceTests : BusConformanceTests
{
    protected override IBusStore CreateStore() => new InMemoryBusStore();
}
