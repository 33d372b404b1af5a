using System;
using Prom.Bus.Sqlite;

namespace Prom.Bus.Tests.Conformance;

/// <summary>
/// The conformance suite on <see cref="SqliteBusStore"/> with <see cref="SqliteBusStoreOptions.AckCommitDelay"/>: acks
/// confirmed once applied must not change anything the bus guarantees inside the process.
/// </summary>
public sealed class SqliteAckCommitDelayConformanceTests : SqliteConformanceTests
{
    protected override SqliteBusStoreOptions StoreOptions(string path) => new() { Path = path, AckCommitDelay = TimeSpan.FromMilliseconds(20) };
}
