namespace Prom.Ecs.Tests.Components;

/// <summary>Type-level successor (S&lt;S&lt;Z&gt;&gt; is 2).</summary>
/// <typeparam name="T">The predecessor.</typeparam>
public struct S<T>
{
}
