namespace Prom.Ecs;

/// <summary>Allocation-free enumerator of per-entity tuples with two components (use with <c>foreach</c>).</summary>
/// <typeparam name="T1">The first component type; every matching entity must have it.</typeparam>
/// <typeparam name="T2">The second component type; every matching entity must have it.</typeparam>
public struct QueryTupleEnumerator<T1, T2> where T1 : unmanaged, IStruct<T1> where T2 : unmanaged, IStruct<T2>
{
    private QueryRowEnumerator _rows;
    private readonly int _id1;
    private readonly int _id2;

    internal QueryTupleEnumerator(QueryRowEnumerator rows, World world)
    {
        _rows = rows;
        _id1 = world.IdOf<T1>();
        _id2 = world.IdOf<T2>();
    }

    /// <summary>The current tuple (values gathered from the <c>prev</c> columns).</summary>
    public readonly EntityTuple<T1, T2> Current
    {
        get
        {
            EntityRow row = _rows.Current;
            return new EntityTuple<T1, T2>(row.Entity, row, TupleGather.Read<T1>(row, _id1), TupleGather.Read<T2>(row, _id2));
        }
    }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    public readonly QueryTupleEnumerator<T1, T2> GetEnumerator() => this;

    /// <summary>Advances to the next selected row.</summary>
    public bool MoveNext() => _rows.MoveNext();
}
