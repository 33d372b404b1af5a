using System.Threading.Tasks;
using Xunit;

namespace Prom.SourceGenerators.Tests.Topics;

public sealed class TopicClientTests
{
    private static Task<string> Probe(string method, params object[] arguments) => TopicCompiled.Assembly.Invoke<Task<string>>("Ops.Probe", method, arguments);

    [Fact]
    public async Task PublishThenSubscribe_DeliversTheTypedPayloadWithSchemaVersionAndKey()
    {
        string result = await Probe("PublishThenReceive").WaitAsync(System.TimeSpan.FromSeconds(30));
        // payload equal | version | key from Key = nameof(Host) | headers | same record | 4 partitions, 7 days | attempt
        Assert.Equal("True|1|host-a|1|t-1|application/json|True|4|7|1", result);
    }

    [Theory]
    [InlineData("null-name", "Name|Member 'Name' (JSON 'name') of payload 'HeartbeatV1' on topic 'heartbeat.received' is required but null.|stored topic: False")]
    [InlineData("nan-cpu", "CpuPct|Member 'CpuPct' (JSON 'cpu_pct') of payload 'HeartbeatV1' on topic 'heartbeat.received' is NaN, which JSON cannot carry; use a finite number.|stored topic: False")]
    public async Task InvalidPayload_IsRejectedOnPublishNamingTheMember(string which, string expected)
    {
        Assert.Equal(expected, await Probe("PublishInvalid", which).WaitAsync(System.TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task UnreadableRecords_AreNackedToTheDlqWithTheReasonAndNeverHandedOut()
    {
        string result = await Probe("UnreadableRecordsGoToTheDlq").WaitAsync(System.TimeSpan.FromSeconds(30));
        string[] parts = result.Split('|');
        Assert.Equal("42", parts[0]);
        Assert.Equal("2", parts[1]);
        Assert.Contains("Member 'Pid' (JSON 'pid')", parts[2]);
        Assert.Contains("it has schema version 3, this consumer reads version 1 and has no upcaster", parts[2]);
    }

    [Fact]
    public async Task AddPromTopics_RegistersAClientAndDescriptorPerTopic()
    {
        string result = await Probe("RegisteredClients").WaitAsync(System.TimeSpan.FromSeconds(30));
        Assert.Equal(
            "heartbeat.received|process.state.snapshot|0190f5c2-7b1e-7c3a-9f00-1234567890ab|" +
            "process.exited@2:Backward:False:,heartbeat.received@1:Backward:False:Host,process.state.snapshot@1:Full:True:Id|3",
            result);
    }
}
