using System.Collections.Generic;
using System.Numerics;

namespace Prom.Ecs;

/// <summary>
/// Allocation-free enumerator of a query's selected rows in chunk order (use with <c>foreach</c>). A structural change
/// during the enumeration makes the next <see cref="MoveNext"/> throw <see cref="System.InvalidOperationException"/>
/// (see <see cref="QueryChunkEnumerator"/>).
/// </summary>
public struct QueryRowEnumerator
{
    private QueryChunkEnumerator _chunks;
    private Chunk? _chunk;
    private QueryChunk _view;
    private bool _filtered;
    private int _row;
    private int _count;
    private int _wordIndex;
    private ulong _word;

    internal QueryRowEnumerator(List<QueryMatch> matches, World world)
    {
        _chunks = new QueryChunkEnumerator(matches, world);
        _chunk = null;
        _view = default;
        _filtered = false;
        _row = -1;
        _count = 0;
        _wordIndex = -1;
        _word = 0;
    }

    /// <summary>The current row.</summary>
    public readonly EntityRow Current => new(_chunk!, _row);

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    public readonly QueryRowEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next selected row.</summary>
    public bool MoveNext()
    {
        _chunks.CheckVersion();
        while (true)
        {
            if (_chunk is not null)
            {
                if (!_filtered)
                {
                    if (++_row < _count)
                    {
                        return true;
                    }
                }
                else
                {
                    int words = (_count + 63) >> 6;
                    while (_word == 0 && ++_wordIndex < words)
                    {
                        _word = _view.SelectedWord(_wordIndex);
                    }

                    if (_word != 0)
                    {
                        _row = (_wordIndex << 6) + BitOperations.TrailingZeroCount(_word);
                        _word &= _word - 1;
                        return true;
                    }
                }
            }

            if (!_chunks.MoveNext())
            {
                _chunk = null;
                return false;
            }

            _view = _chunks.Current;
            _chunk = _view.Chunk;
            _filtered = _view.HasRowFilter;
            _count = _chunk.Count;
            _row = -1;
            _wordIndex = -1;
            _word = 0;
        }
    }
}
