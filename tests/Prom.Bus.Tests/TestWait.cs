using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Prom.Bus.Tests;

/// <summary>Bounded waits: every receive in the tests has a timeout, so a bug shows as a failure, never a hang.</summary>
internal static class TestWait
{
    public static async Task<Delivery> ReceiveWithin(this Subscription sub, int ms = 5000)
    {
        using var cts = new CancellationTokenSource(ms);
        try
        {
            return await sub.ReceiveAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"No delivery on {sub.Topic}/{sub.Group} within {ms} ms.");
        }
    }

    /// <summary>Asserts that nothing is delivered for <paramref name="ms"/> milliseconds.</summary>
    public static async Task AssertNothingWithin(this Subscription sub, int ms)
    {
        using var cts = new CancellationTokenSource(ms);
        try
        {
            Delivery d = await sub.ReceiveAsync(cts.Token);
            Assert.Fail($"Unexpected delivery of offset {d.Record.Offset} (attempt {d.Attempt}) on {sub.Topic}/{sub.Group}.");
        }
        catch (OperationCanceledException)
        {
        }
    }

    public static async Task<List<Delivery>> ReceiveMany(this Subscription sub, int count, int ms = 5000)
    {
        var list = new List<Delivery>();
        for (int i = 0; i < count; i++)
        {
            list.Add(await sub.ReceiveWithin(ms));
        }

        return list;
    }

    public static string Text(this EventRecord r) => System.Text.Encoding.UTF8.GetString(r.Payload.Span);
}
