using Prom;

namespace Prom.Bus.Client.Tests;

/// <summary>A [Topic] payload compiled by the real generator: its generated client must run over the network unchanged.</summary>
[Topic("sensor.reading", Partitions = 2, Key = nameof(Sensor))]
public sealed record SensorReading(string Sensor, double Celsius, int Seq);
