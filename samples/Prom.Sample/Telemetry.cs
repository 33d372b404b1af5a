using System;
using Prom;

namespace Prom.Sample;

/// <summary>A 2-D position; nested inside <see cref="Reading"/>.</summary>
[Struct]
public partial struct Position
{
    public partial float X { get; set; }
    public partial float Y { get; set; }
}

/// <summary>One sensor reading as it is written to disk and read by Python.</summary>
[Struct]
public partial struct Reading
{
    public partial ulong TimestampMs { get; set; }
    public partial ushort SensorId { get; set; }
    public partial bool Ok { get; set; }
    [Length(3)] public partial Span<float> Acceleration { get; }
    public partial ref Position Pos { get; }
    public partial Half Temperature { get; set; }
}
