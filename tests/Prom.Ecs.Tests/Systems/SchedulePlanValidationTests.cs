using System;
using System.Collections.Generic;
using Xunit;
using static Prom.Ecs.Tests.Systems.Plans;

namespace Prom.Ecs.Tests.Systems;

public class SchedulePlanValidationTests
{
    private static SchedulePlanException Invalid(SchedulePlan plan) => Assert.Throws<SchedulePlanException>(plan.Validate);

    [Fact]
    public void TwoOwnersOfOneComponent_NamesBothSystemsAndTheComponent()
    {
        SchedulePlan plan = Update(new[] { Sys("Movement", owns: new[] { "Position" }), Sys("Physics", owns: new[] { "Position" }) }, new[] { 0 }, new[] { 1 });
        SchedulePlanException error = Invalid(plan);
        Assert.Equal("Position has two owners: 'Movement' and 'Physics'.", Assert.Single(error.Problems));
    }

    [Fact]
    public void WriterAndReaderOfOneComponentInOneBatch_IsValid()
    {
        SchedulePlan plan = Update(new[] { Sys("Movement", owns: new[] { "Position" }), Sys("Render", reads: new[] { "Position" }) }, new[] { 0, 1 });
        plan.Validate();
    }

    [Fact]
    public void ResourceWriterAndReaderInOneBatch_NamesBothAndTheResource()
    {
        SchedulePlan plan = Update(new[] { Sys("Clock", resourceWrites: new[] { "Time" }), Sys("Spawner", resourceReads: new[] { "Time" }) }, new[] { 0, 1 });
        Assert.Equal(
            "Systems 'Clock' and 'Spawner' are in the same batch (update batch 0) but 'Clock' writes resource Time and 'Spawner' reads it.",
            Assert.Single(Invalid(plan).Problems));
    }

    [Fact]
    public void TwoResourceWritersInOneBatch_ReportedOnce()
    {
        SchedulePlan plan = Update(new[] { Sys("A", resourceWrites: new[] { "Score" }), Sys("B", resourceWrites: new[] { "Score" }) }, new[] { 0, 1 });
        Assert.Equal(
            "Systems 'A' and 'B' are in the same batch (update batch 0) but 'A' writes resource Score and 'B' writes it.",
            Assert.Single(Invalid(plan).Problems));
    }

    [Fact]
    public void TwoResourceWritersInDifferentBatches_IsValid()
    {
        Update(new[] { Sys("A", resourceWrites: new[] { "Score" }), Sys("B", resourceWrites: new[] { "Score" }) }, new[] { 0 }, new[] { 1 }).Validate();
    }

    [Fact]
    public void SystemScheduledTwiceOrNever_AndIndexOutOfRange_AreListed()
    {
        SchedulePlan plan = Update(new[] { Sys("A"), Sys("B"), Sys("C") }, new[] { 0, 0 }, new[] { 7 });
        SchedulePlanException error = Invalid(plan);
        Assert.Contains("System 'A' is scheduled twice (stage 'update' batch 0 and stage 'update' batch 0).", error.Problems);
        Assert.Contains("Batch 1 of stage 'update' refers to system 7, but the plan has 3 systems.", error.Problems);
        Assert.Contains("System 'B' is in no batch of any stage.", error.Problems);
        Assert.Contains("System 'C' is in no batch of any stage.", error.Problems);
        Assert.Contains("System 'B' is in no batch of any stage.", error.Message);
    }

    [Fact]
    public void SystemInTheWrongStage_And_DuplicateNames_AreListed()
    {
        var plan = new SchedulePlan(
            new[] { Sys("A", stage: "render"), Sys("A") },
            new[] { new StagePlan("update", false, new[] { new[] { 0, 1 } }) },
            Array.Empty<ScheduleEdge>());
        SchedulePlanException error = Invalid(plan);
        Assert.Contains("Systems 0 and 1 are both named 'A'.", error.Problems);
        Assert.Contains("System 'A' declares stage 'render' but is scheduled in stage 'update'.", error.Problems);
    }

    [Fact]
    public void EdgeThatDoesNotHold_NamesBothSystems()
    {
        var plan = new SchedulePlan(
            new[] { Sys("Input"), Sys("Movement") },
            new[] { new StagePlan("update", false, new[] { new[] { 0, 1 } }) },
            new[] { new ScheduleEdge(0, 1, "after") });
        Assert.Equal(
            "Edge 'Input' -> 'Movement' (after) does not hold: 'Input' must run in an earlier batch.",
            Assert.Single(Invalid(plan).Problems));
    }

    [Fact]
    public void EdgeIntoAnEarlierStage_DoesNotHold()
    {
        var plan = new SchedulePlan(
            new[] { Sys("Draw", stage: "render"), Sys("Move") },
            new[] { new StagePlan("update", false, new[] { new[] { 1 } }), new StagePlan("render", false, new[] { new[] { 0 } }) },
            new[] { new ScheduleEdge(0, 1, "before") });
        Assert.Contains("'Draw' must run in an earlier batch", Assert.Single(Invalid(plan).Problems));
    }

    [Fact]
    public void Scheduler_RejectsMissingExtraAndDuplicateRegistrations()
    {
        SchedulePlan plan = Update(new[] { Sys("A"), Sys("B") }, new[] { 0, 1 });
        var registrations = new List<SystemRegistration>
        {
            new("A", c => new TestRunner(c)),
            new("A", c => new TestRunner(c)),
            new("Z", c => new TestRunner(c)),
        };
        SchedulePlanException error = Assert.Throws<SchedulePlanException>(() => new Scheduler(new World(), plan, registrations));
        Assert.Contains("System 'A' is registered twice.", error.Problems);
        Assert.Contains("System 'B' is in the plan but has no registration.", error.Problems);
        Assert.Contains("System 'Z' is registered but not in the plan.", error.Problems);
    }

    [Fact]
    public void Scheduler_RejectsAnInvalidPlan_BeforeCreatingAnyRunner()
    {
        SchedulePlan plan = Update(new[] { Sys("A", owns: new[] { "P" }), Sys("B", owns: new[] { "P" }) }, new[] { 0, 1 });
        int created = 0;
        var registrations = new List<SystemRegistration>
        {
            new("A", c => { created++; return new TestRunner(c); }),
            new("B", c => { created++; return new TestRunner(c); }),
        };
        var world = new World();
        Assert.Throws<SchedulePlanException>(() => new Scheduler(world, plan, registrations));
        Assert.Equal(0, created);
    }

    [Fact]
    public void RegistrationThatThrows_IsWrapped_NamingTheSystem()
    {
        SchedulePlan plan = Update(new[] { Sys("A"), Sys("B") }, new[] { 0, 1 });
        var cause = new InvalidOperationException("Position has two owners");
        var registrations = new[] { new SystemRegistration("A", c => new TestRunner(c)), new SystemRegistration("B", _ => throw cause) };
        var error = Assert.Throws<InvalidOperationException>(() => new Scheduler(new World(), plan, registrations));
        Assert.Equal("Creating system 'B' failed: Position has two owners", error.Message);
        Assert.Same(cause, error.InnerException);
    }

    [Fact]
    public void RegistrationThatReturnsNull_IsRejected_NamingTheSystem()
    {
        SchedulePlan plan = Update(new[] { Sys("A") }, new[] { 0 });
        var error = Assert.Throws<InvalidOperationException>(() => new Scheduler(new World(), plan, new[] { new SystemRegistration("A", _ => null!) }));
        Assert.Equal("The registration of system 'A' created no runner.", error.Message);
    }

    [Fact]
    public void RunnerWithAnotherName_IsRejected()
    {
        SchedulePlan plan = Update(new[] { Sys("A") }, new[] { 0 });
        var world = new World();
        var error = Assert.Throws<InvalidOperationException>(() => new Scheduler(world, plan, new[] { new SystemRegistration("A", c => new NamedRunner("B")) }));
        Assert.Equal("The registration of system 'A' created a runner named 'B'.", error.Message);
    }

    private sealed class NamedRunner(string name) : ISystemRunner
    {
        public string Name => name;

        public bool ShouldRun() => true;

        public void Prepare()
        {
        }

        public System.Threading.Tasks.ValueTask RunAsync(System.Threading.CancellationToken cancellationToken) => default;

        public void Cleanup()
        {
        }
    }
}
