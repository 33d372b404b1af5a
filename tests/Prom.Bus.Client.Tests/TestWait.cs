using System;
using System.Threading;

namespace Prom.Bus.Client.Tests;

/// <summary>Every wait of these tests is bounded: a hung network path fails the test instead of the CI run.</summary>
internal static class TestWait
{
    public static CancellationToken Seconds(int seconds) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
