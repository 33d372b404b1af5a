using Prom.CodeModel.Topics;
using Xunit;

namespace Prom.Analyzers.Tests.Topics;

public sealed class TopicRulesTests
{
    [Theory]
    [InlineData("heartbeat.received")]
    [InlineData("process.state.snapshot")]
    [InlineData("dlq.heartbeat.received")]
    [InlineData("foo.bar.v2")]
    [InlineData("x")]
    public void ValidTopicNames_PassTheRule(string name)
    {
        Assert.True(TopicRules.IsValidTopicName(name));
        // The runtime applies the same rule to strings at publish time.
        Assert.True(Prom.Bus.BusNames.IsValidTopic(name));
    }

    [Theory]
    [InlineData("Foo.bar", "foo.bar")]
    [InlineData("foo-bar", "foo.bar")]
    [InlineData("foo_bar", "foo.bar")]
    [InlineData("foo..bar", "foo.bar")]
    [InlineData(".foo", "foo")]
    [InlineData("foo.", "foo")]
    [InlineData("changelog:processes", "changelog.processes")]
    [InlineData("HeartbeatReceived", "heartbeat.received")]
    [InlineData("foo.V2", "foo.v2")]
    public void InvalidTopicNames_FailTheRuleAndNormalizeToAValidName(string name, string normalized)
    {
        Assert.False(TopicRules.IsValidTopicName(name));
        Assert.False(Prom.Bus.BusNames.IsValidTopic(name));
        Assert.Equal(normalized, TopicRules.NormalizeTopicName(name));
        Assert.True(TopicRules.IsValidTopicName(normalized));
    }

    [Theory]
    [InlineData("")]
    [InlineData("...")]
    [InlineData("::")]
    public void NamesWithNothingUsable_HaveNoNormalizedForm(string name)
    {
        Assert.False(TopicRules.IsValidTopicName(name));
        Assert.Null(TopicRules.NormalizeTopicName(name));
    }

    [Fact]
    public void OverlongTopicNames_AreInvalidAndNormalizeWithinTheLimit()
    {
        string name = new('a', TopicRules.MaxTopicLength + 1);
        Assert.False(TopicRules.IsValidTopicName(name));
        Assert.Equal(TopicRules.MaxTopicLength, TopicRules.NormalizeTopicName(name)!.Length);
    }

    [Theory]
    [InlineData("content-type")]
    [InlineData("x-schema-version")]
    [InlineData("x-trace-id")]
    [InlineData("x-1")]
    public void ValidHeaderKeys_PassTheRule(string key)
    {
        Assert.True(TopicRules.IsValidHeaderKey(key));
        Assert.True(Prom.Bus.BusNames.IsValidHeaderKey(key));
    }

    [Theory]
    [InlineData("correlationId", "x-correlation-id")]
    [InlineData("Content-Type", "content-type")]
    [InlineData("X-Trace-Id", "x-trace-id")]
    [InlineData("trace_id", "x-trace-id")]
    [InlineData("x-Trace", "x-trace")]
    public void InvalidHeaderKeys_FailTheRuleAndNormalizeWithAnXPrefix(string key, string normalized)
    {
        Assert.False(TopicRules.IsValidHeaderKey(key));
        Assert.False(Prom.Bus.BusNames.IsValidHeaderKey(key));
        Assert.Equal(normalized, TopicRules.NormalizeHeaderKey(key));
        Assert.True(TopicRules.IsValidHeaderKey(normalized));
    }

    [Theory]
    [InlineData("foo.bar.v2", true)]
    [InlineData("foo.v10", true)]
    [InlineData("foo.bar", false)]
    [InlineData("foo.v", false)]
    [InlineData("foo.vx", false)]
    [InlineData("v2", false)]
    public void VersionSuffix_IsADotVAndDigitsAtTheEnd(string name, bool versioned) => Assert.Equal(versioned, TopicRules.HasVersionSuffix(name));
}
