using System;
using Prom;

namespace Prom.Sample;

/// <summary>One sensor reading as it is written to disk and read by Python.</summary>
[Struct]
public partial struct Reading
{
    public partial ulong TimestampMs { get; set; }
    public partial ushort SensorId { get; set; }
    public partial bool Ok { get; set; }
    [Length(3)] public partial Span<float> Acceleration { get; }
    public partial ref Position Pos { get; }  // a [Struct] nests another (Position is also an ECS component)
    public partial Half Temperature { get; set; }
}
