using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Prom.CodeModel.Structs;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Structs;

/// <summary>The cross-language descriptors of a layout: Python <c>struct</c> format, numpy dtype and JSON schema.</summary>
internal static class StructDescriptors
{
    /// <summary>The <c>struct</c> format without the byte-order prefix: explicit <c>x</c> pad bytes, repeats merged (<c>16f</c>).</summary>
    public static string StructFormatBody(StructLayoutModel layout)
    {
        var codes = new List<(char Code, int Count)>();
        void Add(char code, int count)
        {
            if (count <= 0) return;
            if (codes.Count > 0 && codes[codes.Count - 1].Code == code) codes[codes.Count - 1] = (code, codes[codes.Count - 1].Count + count);
            else codes.Add((code, count));
        }

        int cursor = 0;
        foreach (LeafModel leaf in layout.Leaves)
        {
            Add('x', leaf.Offset - cursor);
            ScalarTypeInfo info = ScalarTypeInfo.Of(leaf.Type);
            Add(info.StructCode, 1);
            cursor = leaf.Offset + info.Size;
        }
        Add('x', layout.Size - cursor);
        return string.Concat(codes.Select(c => c.Count == 1 ? c.Code.ToString() : c.Count.ToString(CultureInfo.InvariantCulture) + c.Code));
    }

    /// <summary>The numpy structured dtype as JSON: names (flattened columns), formats, offsets, itemsize.</summary>
    public static string NumpyDtype(StructLayoutModel layout, bool bigEndian)
    {
        var builder = new StringBuilder();
        builder.Append("{\"names\": [").Append(string.Join(", ", layout.Leaves.Select(l => Json.Quote(l.Column))));
        builder.Append("], \"formats\": [").Append(string.Join(", ", layout.Leaves.Select(l => Json.Quote(ScalarTypeInfo.Of(l.Type).NumpyFormat(bigEndian)))));
        builder.Append("], \"offsets\": [").Append(string.Join(", ", layout.Leaves.Select(l => l.Offset.ToString(CultureInfo.InvariantCulture))));
        builder.Append("], \"itemsize\": ").Append(layout.Size.ToString(CultureInfo.InvariantCulture)).Append('}');
        return builder.ToString();
    }

    /// <summary>A JSON schema (draft 2020-12) of the struct as a JSON object, rebuilt from the leaf paths.</summary>
    public static string JsonSchema(string title, StructLayoutModel layout)
    {
        var root = new SchemaNode();
        foreach (LeafModel leaf in layout.Leaves)
        {
            SchemaNode node = root;
            foreach (string segment in leaf.Path.Split('.'))
            {
                int bracket = segment.IndexOf('[');
                if (bracket < 0)
                {
                    node = node.Property(segment);
                    continue;
                }
                SchemaNode array = node.Property(segment.Substring(0, bracket));
                int index = int.Parse(segment.Substring(bracket + 1, segment.Length - bracket - 2), CultureInfo.InvariantCulture);
                array.ArrayLength = System.Math.Max(array.ArrayLength, index + 1);
                if (index > 0)
                {
                    node = SchemaNode.Discard; // elements after the first share the first one's schema
                    break;
                }
                node = array.Items;
            }
            node.Scalar ??= leaf.Type;
        }

        var builder = new StringBuilder();
        builder.Append("{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"title\": ").Append(Json.Quote(title)).Append(", ");
        root.WriteObjectBody(builder);
        builder.Append('}');
        return builder.ToString();
    }

    private sealed class SchemaNode
    {
        public static SchemaNode Discard => new();

        private readonly List<KeyValuePair<string, SchemaNode>> _properties = new();

        public ScalarKind? Scalar { get; set; }
        public int ArrayLength { get; set; }
        private SchemaNode? _items;

        public SchemaNode Items => _items ??= new SchemaNode();

        public SchemaNode Property(string name)
        {
            foreach (KeyValuePair<string, SchemaNode> property in _properties)
            {
                if (property.Key == name) return property.Value;
            }
            var node = new SchemaNode();
            _properties.Add(new KeyValuePair<string, SchemaNode>(name, node));
            return node;
        }

        public void Write(StringBuilder builder)
        {
            if (ArrayLength > 0)
            {
                string count = ArrayLength.ToString(CultureInfo.InvariantCulture);
                builder.Append("{\"type\": \"array\", \"minItems\": ").Append(count).Append(", \"maxItems\": ").Append(count).Append(", \"items\": ");
                Items.Write(builder);
                builder.Append('}');
            }
            else if (Scalar is { } scalar)
            {
                builder.Append(ScalarSchema(scalar));
            }
            else
            {
                builder.Append('{');
                WriteObjectBody(builder);
                builder.Append('}');
            }
        }

        public void WriteObjectBody(StringBuilder builder)
        {
            builder.Append("\"type\": \"object\", \"properties\": {");
            for (int i = 0; i < _properties.Count; i++)
            {
                if (i > 0) builder.Append(", ");
                builder.Append(Json.Quote(_properties[i].Key)).Append(": ");
                _properties[i].Value.Write(builder);
            }
            builder.Append("}, \"required\": [").Append(string.Join(", ", _properties.Select(p => Json.Quote(p.Key))));
            builder.Append("], \"additionalProperties\": false");
        }
    }

    private static string ScalarSchema(ScalarKind scalar) => scalar switch
    {
        ScalarKind.Float32 or ScalarKind.Float64 or ScalarKind.Float16 => "{\"type\": \"number\"}",
        ScalarKind.Bool => "{\"type\": \"boolean\"}",
        ScalarKind.Int8 => Integer("-128", "127"),
        ScalarKind.UInt8 => Integer("0", "255"),
        ScalarKind.Int16 => Integer("-32768", "32767"),
        ScalarKind.UInt16 => Integer("0", "65535"),
        ScalarKind.Int32 => Integer("-2147483648", "2147483647"),
        ScalarKind.UInt32 => Integer("0", "4294967295"),
        ScalarKind.Int64 => Integer("-9223372036854775808", "9223372036854775807"),
        _ => Integer("0", "18446744073709551615"),
    };

    private static string Integer(string minimum, string maximum) => $"{{\"type\": \"integer\", \"minimum\": {minimum}, \"maximum\": {maximum}}}";
}
