using System.Collections.Generic;
using System.Diagnostics;

namespace Prom;

/// <summary>
/// The layout of a <see cref="StructAttribute">[Struct]</see> as computed at compile time, with its
/// cross-language descriptors. One immutable instance per struct type, exposed as <c>T.Layout</c>.
/// </summary>
[DebuggerDisplay("{Name,nq}: size {Size}, align {Alignment}, {Leaves.Count} leaves")]
public sealed class StructLayoutInfo
{
    private readonly string _structFormatBody;

    /// <summary>Creates the layout description. Called by generated code.</summary>
    public StructLayoutInfo(
        string name,
        int size,
        int alignment,
        IReadOnlyList<StructLeaf> leaves,
        string structFormatBody,
        string numpyDtypeLittleEndian,
        string numpyDtypeBigEndian,
        string jsonSchema)
    {
        Name = name;
        Size = size;
        Alignment = alignment;
        Leaves = leaves is StructLeaf[] array ? System.Array.AsReadOnly(array) : leaves; // callers cannot edit a shared layout
        _structFormatBody = structFormatBody;
        NumpyDtypeLittleEndian = numpyDtypeLittleEndian;
        NumpyDtypeBigEndian = numpyDtypeBigEndian;
        JsonSchema = jsonSchema;
    }

    /// <summary>The C# type name.</summary>
    public string Name { get; }

    /// <summary>Size in bytes, including trailing padding (a multiple of <see cref="Alignment"/>).</summary>
    public int Size { get; }

    /// <summary>Alignment in bytes: the largest alignment of any leaf (1 for an empty struct).</summary>
    public int Alignment { get; }

    /// <summary>Every scalar leaf in declaration order, arrays expanded element by element.</summary>
    public IReadOnlyList<StructLeaf> Leaves { get; }

    /// <summary>
    /// The numpy structured dtype of the little-endian packing as JSON:
    /// <c>{"names": [...], "formats": [...], "offsets": [...], "itemsize": n}</c>.
    /// In Python: <c>numpy.dtype(json.loads(text))</c>.
    /// </summary>
    public string NumpyDtypeLittleEndian { get; }

    /// <summary>The numpy structured dtype of the big-endian packing, in the same form as <see cref="NumpyDtypeLittleEndian"/>.</summary>
    public string NumpyDtypeBigEndian { get; }

    /// <summary>A JSON schema (draft 2020-12) of the struct as a JSON object.</summary>
    public string JsonSchema { get; }

    /// <summary>
    /// The Python <c>struct</c> module format string of one packed value, with explicit pad bytes (<c>x</c>),
    /// e.g. <c>&lt;B3xf</c>; <c>struct.calcsize</c> of it equals <see cref="Size"/>.
    /// </summary>
    /// <param name="bigEndian">Use <c>&gt;</c> instead of <c>&lt;</c>.</param>
    public string PythonStructFormat(bool bigEndian = false) => (bigEndian ? ">" : "<") + _structFormatBody;
}
