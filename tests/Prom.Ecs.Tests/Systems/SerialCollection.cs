using Xunit;

namespace Prom.Ecs.Tests.Systems;

/// <summary>Tests that measure process-wide allocations or wall time run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial scheduler measurements";
}
