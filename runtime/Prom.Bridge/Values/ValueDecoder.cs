using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Prom.Bridge.Arrays;

namespace Prom.Bridge.Values;

/// <summary>
/// Python → host value policy (documented in docs/bridge.md). Integers without '.'/exponent become <see cref="long"/>
/// or, when larger, <see cref="BigInteger"/> (exact); floats <see cref="double"/>; lists <see cref="List{T}"/> of object;
/// tuples <c>object?[]</c>; dicts <see cref="Dictionary{TKey,TValue}"/> of object to object; bytes <c>byte[]</c>;
/// handles <see cref="PyObject"/> (the same instance for the same Python object while it is alive).
/// </summary>
internal ref struct ValueDecoder
{
    /// <summary>Owner of the handles; null where no handle may appear (a decoder without a bridge refuses them).</summary>
    private readonly PyBridge? _bridge;
    private readonly byte[][] _parts;
    private readonly bool _discard;
    private Utf8JsonReader _reader;

    /// <param name="bridge">Owner of the handles.</param>
    /// <param name="json">The encoded value.</param>
    /// <param name="parts">The message's binary parts.</param>
    /// <param name="discard">
    /// Nobody wants this value (a late answer): handles in it are released and shared files deleted at once.
    /// </param>
    public ValueDecoder(PyBridge? bridge, ReadOnlySpan<byte> json, byte[][] parts, bool discard)
    {
        _bridge = bridge;
        _parts = parts;
        _discard = discard;
        _reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
    }

    public object? ReadRoot()
    {
        _reader.Read();
        return ReadValue();
    }

    private object? ReadValue()
    {
        switch (_reader.TokenType)
        {
            case JsonTokenType.Null: return null;
            case JsonTokenType.True: return true;
            case JsonTokenType.False: return false;
            case JsonTokenType.String: return _reader.GetString();
            case JsonTokenType.Number: return ReadNumber(ref _reader);
            case JsonTokenType.StartArray: return ReadList();
            case JsonTokenType.StartObject: return ReadTagged();
            default: throw new BridgeProtocolException($"Unexpected JSON token {_reader.TokenType} in a value.");
        }
    }

    public static object ReadNumber(ref Utf8JsonReader reader)
    {
        ReadOnlySpan<byte> raw = reader.ValueSpan;
        if (raw.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0)
        {
            return Utf8Parser.TryParse(raw, out double d, out int used) && used == raw.Length
                ? d
                : double.Parse(Encoding.ASCII.GetString(raw), CultureInfo.InvariantCulture);
        }

        if (reader.TryGetInt64(out long l))
        {
            return l;
        }

        return BigInteger.Parse(Encoding.ASCII.GetString(raw), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    private List<object?> ReadList()
    {
        var list = new List<object?>();
        while (_reader.Read() && _reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(ReadValue());
        }

        return list;
    }

    private object? ReadTagged()
    {
        if (!_reader.Read() || _reader.TokenType != JsonTokenType.PropertyName)
        {
            throw new BridgeProtocolException("A tagged value must have exactly one property.");
        }

        string tag = _reader.GetString()!;
        _reader.Read();
        object? result = tag switch
        {
            "$r" => ReadHandle(),
            "$f" => ReadSpecialFloat(),
            "$b" => _discard ? null : Part(_reader.GetInt32()),
            "$s" => _discard ? null : Encoding.UTF8.GetString(Part(_reader.GetInt32())),
            "$t" => ReadList().ToArray(),
            "$d" => ReadDictionary(),
            "$a" => ReadBuffer(),
            "$m" => ReadShared(),
            _ => throw new BridgeProtocolException($"Unknown value tag '{tag}'."),
        };
        if (!_reader.Read() || _reader.TokenType != JsonTokenType.EndObject)
        {
            throw new BridgeProtocolException($"The tagged value '{tag}' has more than one property.");
        }

        return result;
    }

    private object? ReadHandle()
    {
        long id = _reader.GetInt64();
        if (_bridge is null)
        {
            throw new BridgeProtocolException($"A handle ({id}) where no bridge can own one.");
        }

        if (_discard)
        {
            _bridge.EnqueueRelease(id, 1);
            return null;
        }

        return _bridge.Handles.Receive(id);
    }

    private double ReadSpecialFloat() => _reader.GetString() switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        string other => throw new BridgeProtocolException($"Unknown special float '{other}'."),
        null => throw new BridgeProtocolException("A special float needs a name."),
    };

    private Dictionary<object, object?> ReadDictionary()
    {
        var dictionary = new Dictionary<object, object?>();
        if (_reader.TokenType != JsonTokenType.StartArray)
        {
            throw new BridgeProtocolException("A '$d' value must be an array of [key, value] pairs.");
        }

        while (_reader.Read() && _reader.TokenType != JsonTokenType.EndArray)
        {
            _reader.Read();
            object? key = ReadValue();
            _reader.Read();
            object? value = ReadValue();
            _reader.Read(); // end of the pair
            if (_discard)
            {
                continue;
            }

            if (key is null)
            {
                throw new BridgeException("A Python dict with a None key cannot become a .NET dictionary; ask for a handle (PyObject) instead.");
            }

            dictionary[key] = value;
        }

        return dictionary;
    }

    private object? ReadBuffer()
    {
        (int part, string dtype, int[] shape, _, _) = ReadArrayHeader();
        return _discard ? null : new PyBuffer(Part(part), dtype, shape);
    }

    private object? ReadShared()
    {
        (_, string dtype, int[] shape, string? path, long nbytes) = ReadArrayHeader();
        if (path is null)
        {
            throw new BridgeProtocolException("A '$m' value needs a path.");
        }

        if (_discard)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Best effort: a leftover file in the shared-memory directory is harmless.
            }

            return null;
        }

        return new SharedSegment(SharedMemoryFile.OpenExisting(path, nbytes), dtype, shape);
    }

    private (int Part, string Dtype, int[] Shape, string? Path, long NBytes) ReadArrayHeader()
    {
        int part = -1;
        string dtype = "|u1";
        var shape = new List<int>();
        string? path = null;
        long nbytes = 0;
        while (_reader.Read() && _reader.TokenType != JsonTokenType.EndObject)
        {
            string name = _reader.GetString()!;
            _reader.Read();
            switch (name)
            {
                case "p": part = _reader.GetInt32(); break;
                case "path": path = _reader.GetString(); break;
                case "nbytes": nbytes = _reader.GetInt64(); break;
                case "offset": break;
                case "dtype":
                    dtype = _reader.TokenType == JsonTokenType.String
                        ? _reader.GetString()!
                        : JsonElement.ParseValue(ref _reader).GetRawText();
                    break;
                case "shape":
                    while (_reader.Read() && _reader.TokenType != JsonTokenType.EndArray)
                    {
                        shape.Add(_reader.GetInt32());
                    }

                    break;
                default: _reader.Skip(); break;
            }
        }

        return (part, dtype, shape.ToArray(), path, nbytes);
    }

    private byte[] Part(int index) => (uint)index < (uint)_parts.Length
        ? _parts[index]
        : throw new BridgeProtocolException($"A value refers to binary part {index}, but the message has {_parts.Length}.");
}
