namespace Prom.Ecs;

/// <summary>
/// A job over part of one chunk of a <see cref="ColumnLease{T}"/>: write <c>next</c> of rows
/// [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) of <paramref name="columns"/> (and
/// mark changed only those rows). Other rows of the chunk belong to other jobs.
/// </summary>
/// <typeparam name="T">The leased component.</typeparam>
/// <param name="columns">The chunk's columns (spans cover the whole chunk).</param>
/// <param name="start">The first row of this job in the chunk.</param>
/// <param name="count">The number of rows.</param>
public delegate void LeaseRangeAction<T>(ColumnWriter<T> columns, int start, int count) where T : unmanaged, IStruct<T>;
