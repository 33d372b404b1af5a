using System;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Prom.Bus.Tests.Unit;

/// <summary>
/// The receive loop's wake-up. Refill deferrals (ClaimRefill) made timed-out waits routine, so a timeout must neither
/// throw nor swallow the next Set: a Set after a timeout used to complete the abandoned waiter, and the next wait slept
/// through it until its own timeout.
/// </summary>
public sealed class AsyncSignalTests
{
    [Fact]
    public async Task A_set_after_a_timed_out_wait_is_remembered_for_the_next_wait()
    {
        var signal = new AsyncSignal();
        Assert.False(await signal.WaitAsync(TimeSpan.FromMilliseconds(10), TimeProvider.System, CancellationToken.None));

        signal.Set();
        Task<bool> next = signal.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System, CancellationToken.None);
        Assert.True(next.IsCompleted);
        Assert.True(await next);
    }

    [Fact]
    public async Task A_cancelled_wait_throws_and_a_set_wakes_a_pending_wait()
    {
        var signal = new AsyncSignal();
        using var cts = new CancellationTokenSource(20);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => signal.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System, cts.Token));

        Task<bool> pending = signal.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System, CancellationToken.None);
        signal.Set();
        Assert.True(await pending.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
