using System;
using System.Threading.Tasks;
using Prom.Bus.Stores;
using Xunit;

namespace Prom.Bus.Tests.Unit;

/// <summary>
/// A round completes only the requests it started. Found in CI: a subscription's claim, cancelled by its receive timeout
/// while it waited, was skipped by a SQLite state round (its <c>TryStart</c> was false), and the round's completion won
/// the race against the abandon's <c>TrySetCanceled</c>: the cancelled caller got the skipped request's null result and
/// the subscription failed with a NullReferenceException. The window is a few instructions wide, so these tests pin the
/// rule that closes it rather than race for it.
/// </summary>
public sealed class GroupCommitCancellationTests
{
    [Fact]
    public void A_round_result_never_completes_a_request_the_round_did_not_start()
    {
        var pending = new GroupCommit<int, string>.Pending(1);
        pending.SetResult(null!); // what a round holds for a request it skipped
        Assert.False(pending.Done.Task.IsCompleted);

        pending.TryAbandon();
        Assert.True(pending.Done.Task.IsCanceled); // the caller sees its cancellation, not an empty result
    }

    [Fact]
    public async Task A_started_request_gets_its_result_even_if_its_caller_cancels_afterwards()
    {
        var pending = new GroupCommit<int, string>.Pending(1);
        Assert.True(pending.TryStart());
        pending.TryAbandon(); // too late: the work is done and committed with the round
        pending.SetResult("stored");
        Assert.Equal("stored", await pending.Done.Task);
    }

    [Fact]
    public void A_failed_round_leaves_an_abandoned_request_cancelled()
    {
        var pending = new GroupCommit<int, string>.Pending(1);
        pending.TryAbandon();
        pending.SetException(new InvalidOperationException("the commit failed"));
        Assert.True(pending.Done.Task.IsCanceled);
    }

    [Fact]
    public async Task A_failed_round_fails_a_request_that_is_still_waiting()
    {
        var pending = new GroupCommit<int, string>.Pending(1);
        pending.SetException(new InvalidOperationException("the commit failed"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => pending.Done.Task);
    }
}
