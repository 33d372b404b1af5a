using System;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Prom.Bridge.Tests;

public sealed class InFlightWindowTests
{
    [Fact]
    public async Task QueuedWaiter_TimesOut_WithoutLeakingOrStealingASlot()
    {
        var window = new InFlightWindow(1);
        Assert.True(window.TryEnter());

        await Assert.ThrowsAsync<TimeoutException>(() => window.EnterAsync(TimeSpan.FromMilliseconds(30), default).AsTask());
        Assert.Equal(1, window.InUse);
        window.Release();

        Assert.Equal(0, window.InUse);
        Assert.True(window.TryEnter());
        Assert.False(window.TryEnter());
    }

    [Fact]
    public async Task Release_GrantsWaitersInOrder_AndSkipsCancelledOnes()
    {
        var window = new InFlightWindow(1);
        Assert.True(window.TryEnter());
        using var cancel = new CancellationTokenSource();
        Task first = window.EnterAsync(Timeout.InfiniteTimeSpan, cancel.Token).AsTask();
        Task second = window.EnterAsync(Timeout.InfiniteTimeSpan, default).AsTask();

        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        window.Release();
        await second.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, window.InUse);
        Assert.Equal(1, window.MaxObserved);
    }

    [Fact]
    public async Task Fault_FailsEveryWaiterAndEveryLaterEntry()
    {
        var window = new InFlightWindow(1);
        Assert.True(window.TryEnter());
        Task waiting = window.EnterAsync(Timeout.InfiniteTimeSpan, default).AsTask();
        var fault = new InvalidOperationException("gone");

        window.Fault(fault);

        Assert.Same(fault, await Assert.ThrowsAsync<InvalidOperationException>(() => waiting));
        Assert.Same(fault, Assert.Throws<InvalidOperationException>(() => window.TryEnter()));
    }
}
