using System;
using Prom;

namespace Prom.Bridge.Tests;

/// <summary>A real generated [Struct]: two floats.</summary>
[Struct]
public partial struct Vec2
{
    public partial float X { get; set; }

    public partial float Y { get; set; }
}

/// <summary>A real generated [Struct] with padding, a nested array of structs and a bool.</summary>
[Struct]
public partial struct Body
{
    public partial byte Kind { get; set; }

    public partial double Mass { get; set; }

    [Length(4)]
    public partial Span<Vec2> Pts { get; }

    public partial bool Active { get; set; }
}
