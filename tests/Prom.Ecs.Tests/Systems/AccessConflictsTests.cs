using System;
using System.Collections.Generic;
using Xunit;

namespace Prom.Ecs.Tests.Systems;

/// <summary>
/// The access rule shared (src/Common/AccessConflicts.cs) by the compile-time planner and the run-time validator,
/// on plain values.
/// </summary>
public sealed class AccessConflictsTests
{
    private static readonly string[][] s_owns = [["Position", "Position"], ["Velocity"], ["Position", "Velocity"]];

    [Fact]
    public void Owners_ReportsEveryLaterOwner_ButNotASystemListingAComponentTwice()
    {
        var twice = new List<(string Component, int First, int Second)>();
        Dictionary<string, int> owners = AccessConflicts.Owners(s_owns.Length, i => s_owns[i], twice);

        Assert.Equal([("Position", 0, 2), ("Velocity", 1, 2)], twice);
        Assert.Equal(0, owners["Position"]);
        Assert.Equal(1, owners["Velocity"]);
    }

    [Fact]
    public void Resources_ReportsEachConflictOnce_WritersFirst_AndNeverTwoReaders()
    {
        List<(string Resource, bool AWrites, bool BWrites)> conflicts = AccessConflicts.Resources(
            aReads: ["Time", "Map"], aWrites: ["Score", "Log"],
            bReads: ["Time", "Log"], bWrites: ["Score", "Map"]);

        Assert.Equal([("Score", true, true), ("Log", true, false), ("Map", false, true)], conflicts);
        Assert.Empty(AccessConflicts.Resources(["Time"], [], ["Time"], Array.Empty<string>()));
    }
}
