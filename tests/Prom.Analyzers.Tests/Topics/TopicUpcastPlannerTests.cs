using System.Collections.Generic;
using System.Linq;
using Prom.CodeModel.Topics;
using Xunit;
// The code model's enum under its own name: "Compatibility" would find Prom.Compatibility (the attribute's enum, also
// referenced here) in the enclosing namespace Prom before the file's using of Prom.CodeModel.Topics.
using Compat = Prom.CodeModel.Topics.Compatibility;

namespace Prom.Analyzers.Tests.Topics;

/// <summary>The cross-version planning on plain values: which versions each consumer reads, and how.</summary>
public sealed class TopicUpcastPlannerTests
{
    private static TopicVersionInfo V(int version, Compat compatibility = Compat.Backward, string topic = "t.x") =>
        new(topic, version, compatibility, $"global::Ops.X{version}{topic.Length}", $"X{version}", "Ops", $"X{version}{topic.Length}Topic");

    private static TopicUpcasterModel Up(TopicVersionInfo from, TopicVersionInfo to, string name = "Up") =>
        new($"global::Ops.Upcasters.{name}{from.Version}", $"Upcasters.{name}{from.Version}", from.PayloadType, to.PayloadType);

    private static string Describe(TopicReadPlan plan) => string.Join(" ", plan.Paths.Select(p =>
        $"{p.Version}:{p.ReadWith.Replace("global::Ops.", "")}" + string.Concat(p.Conversions.Select(c => c.UpcasterMethod is { } m ? ">" + m.Replace("global::Ops.", "") : ">schema"))));

    [Fact]
    public void UpcasterThenSchemaHop_ReadsTheOldestWithItsOwnCodecAndConvertsStepByStep()
    {
        TopicVersionInfo v1 = V(1), v2 = V(2, Compat.None), v3 = V(3);
        IReadOnlyList<TopicReadPlan> plans = TopicUpcastPlanner.Plan(new[] { v3, v1, v2 }, new[] { Up(v1, v2) });
        Assert.Equal(new[] { "X23", "X33" }, plans.Select(p => p.Target.TypeName + p.Target.TopicName.Length));
        Assert.Equal("1:X13Topic>Upcasters.Up1", Describe(plans[0]));
        Assert.Equal("1:X13Topic>Upcasters.Up1>schema 2:X33Topic", Describe(plans[1]));
        Assert.Empty(TopicUpcastPlanner.Check(new[] { v1, v2, v3 }, new[] { Up(v1, v2) }));
    }

    [Fact]
    public void BackwardTransitiveVersion_ReadsEveryOlderVersionDirectly()
    {
        TopicVersionInfo v1 = V(1), v2 = V(2), v3 = V(3, Compat.BackwardTransitive);
        TopicReadPlan v3Plan = TopicUpcastPlanner.Plan(new[] { v1, v2, v3 }, new TopicUpcasterModel[0]).Single(p => p.Target.Version == 3);
        Assert.Equal("1:X33Topic 2:X33Topic", Describe(v3Plan));
    }

    [Fact]
    public void ForwardCompatibleNewerVersions_AreReadByOlderConsumers()
    {
        TopicVersionInfo v1 = V(1), v2 = V(2, Compat.Full), v3 = V(3, Compat.Backward);
        TopicReadPlan v1Plan = TopicUpcastPlanner.Plan(new[] { v1, v2, v3 }, new TopicUpcasterModel[0]).Single(p => p.Target.Version == 1);
        Assert.Equal("2:X13Topic", Describe(v1Plan)); // v3 is backward only: v1 consumers stop at v2
    }

    [Fact]
    public void ChainStopsAtAHopNothingCrosses_AndCheckReportsIt()
    {
        TopicVersionInfo v1 = V(1), v2 = V(2, Compat.Forward), v3 = V(3);
        TopicReadPlan v3Plan = TopicUpcastPlanner.Plan(new[] { v1, v2, v3 }, new TopicUpcasterModel[0]).Single(p => p.Target.Version == 3);
        Assert.Equal("2:X33Topic", Describe(v3Plan));
        TopicUpcastIssue issue = Assert.Single(TopicUpcastPlanner.Check(new[] { v1, v2, v3 }, new TopicUpcasterModel[0]));
        Assert.Equal((TopicUpcastIssueKind.Missing, 1, 2), (issue.Kind, issue.Older.Version, issue.Newer.Version));
    }

    [Fact]
    public void SecondUpcasterForAHop_IsADuplicateAndTheFirstByNameServes()
    {
        TopicVersionInfo v1 = V(1), v2 = V(2, Compat.None);
        TopicUpcasterModel b = Up(v1, v2, "B"), a = Up(v1, v2, "A");
        TopicUpcastIssue issue = Assert.Single(TopicUpcastPlanner.Check(new[] { v1, v2 }, new[] { b, a }));
        Assert.Equal((TopicUpcastIssueKind.Duplicate, 0, "Upcasters.A1"), (issue.Kind, issue.UpcasterIndex, issue.Other));
        Assert.Equal("1:X13Topic>Upcasters.A1", Describe(TopicUpcastPlanner.Plan(new[] { v1, v2 }, new[] { b, a }).Single()));
    }

    [Fact]
    public void DuplicateVersions_GetNoPlanAndOtherTopicsAreIndependent()
    {
        TopicVersionInfo v1 = V(1), twin = V(1) with { PayloadType = "global::Ops.Twin", TypeName = "Twin" }, other = V(2, Compat.Backward, "t.other");
        Assert.Empty(TopicUpcastPlanner.Plan(new[] { v1, twin, V(2) }, new TopicUpcasterModel[0]));
        Assert.Empty(TopicUpcastPlanner.Plan(new[] { other }, new TopicUpcasterModel[0])); // a version 2 alone: nothing to read
    }
}
