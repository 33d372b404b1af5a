namespace Prom.Sample;

/// <summary>One window of a telemetry series, as telemetry_stats.py returns it (a structured numpy array).</summary>
[Struct]
public partial struct Window
{
    public partial int Start { get; set; }
    public partial double Mean { get; set; }
    public partial double Min { get; set; }
    public partial double Max { get; set; }
}
