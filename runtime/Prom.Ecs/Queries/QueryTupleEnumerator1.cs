namespace Prom.Ecs;

/// <summary>Allocation-free enumerator of per-entity tuples with one component (use with <c>foreach</c>).</summary>
/// <typeparam name="T1">The component type; every matching entity must have it.</typeparam>
public unsafe struct QueryTupleEnumerator<T1> where T1 : unmanaged, IStruct<T1>
{
    private QueryRowEnumerator _rows;
    private readonly int _id1;
    private Chunk? _chunk;
    private nint* _columns1;

    internal QueryTupleEnumerator(QueryRowEnumerator rows, World world)
    {
        _rows = rows;
        _id1 = world.IdOf<T1>();
        _chunk = null;
        _columns1 = null;
    }

    /// <summary>The current tuple (values gathered from the <c>prev</c> columns).</summary>
    public readonly EntityTuple<T1> Current
    {
        get
        {
            EntityRow row = _rows.Current;
            return new EntityTuple<T1>(row.Entity, row, LeafCopy<T1>.Gather(_columns1, row.Row));
        }
    }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    public readonly QueryTupleEnumerator<T1> GetEnumerator() => this;

    /// <summary>Advances to the next selected row.</summary>
    public bool MoveNext()
    {
        if (!_rows.MoveNext())
        {
            return false;
        }

        EntityRow row = _rows.Current;
        if (row.Chunk != _chunk)
        {
            _chunk = row.Chunk;
            _columns1 = TupleGather.Bind(row.Chunk, _id1, row.Entity);
        }

        return true;
    }
}
