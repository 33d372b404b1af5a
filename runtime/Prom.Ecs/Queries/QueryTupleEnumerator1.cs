namespace Prom.Ecs;

/// <summary>Allocation-free enumerator of per-entity tuples with one component (use with <c>foreach</c>).</summary>
/// <typeparam name="T1">The component type; every matching entity must have it.</typeparam>
public struct QueryTupleEnumerator<T1> where T1 : unmanaged, IStruct<T1>
{
    private QueryRowEnumerator _rows;
    private readonly int _id1;

    internal QueryTupleEnumerator(QueryRowEnumerator rows, World world)
    {
        _rows = rows;
        _id1 = world.IdOf<T1>();
    }

    /// <summary>The current tuple (values gathered from the <c>prev</c> columns).</summary>
    public readonly EntityTuple<T1> Current
    {
        get
        {
            EntityRow row = _rows.Current;
            return new EntityTuple<T1>(row.Entity, row, TupleGather.Read<T1>(row, _id1));
        }
    }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    public readonly QueryTupleEnumerator<T1> GetEnumerator() => this;

    /// <summary>Advances to the next selected row.</summary>
    public bool MoveNext() => _rows.MoveNext();
}
