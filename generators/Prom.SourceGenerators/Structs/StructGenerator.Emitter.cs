using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Prom.CodeModel;
using Prom.CodeModel.Structs;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Structs;

public sealed partial class StructGenerator
{
    /// <summary>Model → C# text. Deterministic: the output depends on the model only.</summary>
    internal static class Emitter
    {
        private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
        private const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";
        private const string Span = "global::System.Span<byte>";
        private const string ReadOnlySpan = "global::System.ReadOnlySpan<byte>";
        private const string NativeOrder = "bigEndian == !global::System.BitConverter.IsLittleEndian";
        private const string Size = StructNames.SizeConstant;
        private const string ThrowTooShort = StructNames.ThrowTooShort;
        private const string HiddenAttribute = "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";

        public static string Emit(StructModel model)
        {
            var w = new SourceWriter();
            GeneratedFile.Begin(w, model.Namespace);
            foreach (ContainingTypeModel outer in model.ContainingTypes) w.Open(outer.Declaration);

            string self = model.FullyQualifiedName;
            StructLayoutModel layout = model.Layout;
            string sizeArgument = layout.Size > 0 ? $", Size = {layout.Size}" : "";
            w.Line($"[global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Explicit{sizeArgument})]");
            w.Open($"{(model.IsReadOnly ? "readonly " : "")}partial {model.Keyword} {Identifiers.Escape(model.Name)} : global::Prom.IStruct<{self}>");
            w.Line($"private const int {Size} = {layout.Size};");
            w.Line();

            EmitStorage(w, model);
            EmitProperties(w, model);
            EmitLayout(w, model);
            EmitPublicPacking(w, model);
            EmitUnsafePacking(w, model, write: true);
            EmitUnsafePacking(w, model, write: false);
            EmitThrowHelper(w, model);

            w.Close();
            foreach (ContainingTypeModel _ in model.ContainingTypes) w.Close();
            GeneratedFile.CloseNamespace(w, model.Namespace);
            return w.ToString();
        }

        private static void EmitStorage(SourceWriter w, StructModel model)
        {
            foreach (StructMemberModel member in model.Members)
            {
                string field = StructNames.BackingField(member.Name);
                string type = member.IsArray ? StructNames.InlineArrayType(member.Name) : member.Element.TypeName;
                string readOnly = model.IsReadOnly ? "readonly " : "";
                w.Line($"[global::System.Runtime.InteropServices.FieldOffset({member.Offset})] private {readOnly}{type} {field};");
            }
            foreach (StructMemberModel member in model.Members.Where(m => m.IsArray))
            {
                w.Line();
                w.Line(GeneratedFile.GeneratedCodeAttribute);
                w.Line($"[global::System.Runtime.CompilerServices.InlineArray({member.Length})]");
                w.Open($"private struct {StructNames.InlineArrayType(member.Name)}");
                w.Line($"private {member.Element.TypeName} _element0;");
                w.Close();
            }
            w.Line();
        }

        private static void EmitProperties(SourceWriter w, StructModel model)
        {
            const string unscoped = "[global::System.Diagnostics.CodeAnalysis.UnscopedRef] ";
            foreach (StructMemberModel member in model.Members)
            {
                string field = StructNames.BackingField(member.Name);
                string element = member.Element.TypeName;
                switch (member.Shape)
                {
                    case MemberShape.Value:
                        var accessors = member.Accessors.Select(a => a.Keyword == "get"
                            ? $"{Prefix(a.Modifiers)}get => {field};"
                            : $"{Prefix(a.Modifiers)}{a.Keyword} => {field} = value;");
                        w.Line($"{member.Modifiers} {element} {Identifiers.Escape(member.Name)} {{ {string.Join(" ", accessors)} }}");
                        break;
                    case MemberShape.Ref:
                    case MemberShape.RefReadOnly:
                        string refKind = member.Shape == MemberShape.Ref ? "ref" : "ref readonly";
                        w.Line($"{member.Modifiers} {refKind} {element} {Identifiers.Escape(member.Name)} {{ {unscoped}{GetModifiers(member)}get => ref {field}; }}");
                        break;
                    default:
                        string span = member.Shape == MemberShape.Span ? "global::System.Span" : "global::System.ReadOnlySpan";
                        w.Line($"{member.Modifiers} {span}<{element}> {Identifiers.Escape(member.Name)} {{ {unscoped}{GetModifiers(member)}get => {field}; }}");
                        break;
                }
            }
            w.Line();
        }

        private static string GetModifiers(StructMemberModel member) =>
            Prefix(member.Accessors.FirstOrDefault(a => a.Keyword == "get")?.Modifiers ?? "");

        private static string Prefix(string modifiers) => modifiers.Length == 0 ? "" : modifiers + " ";

        private static void EmitLayout(SourceWriter w, StructModel model)
        {
            StructLayoutModel layout = model.Layout;
            w.Line($"private static readonly global::Prom.StructLayoutInfo {StructNames.LayoutField} = new global::Prom.StructLayoutInfo(");
            w.Line($"    {Json.CSharpLiteral(model.Name)},");
            w.Line($"    {layout.Size},");
            w.Line($"    {layout.Alignment},");
            w.Line("    new global::Prom.StructLeaf[]");
            w.Line("    {");
            foreach (LeafModel leaf in layout.Leaves)
            {
                ScalarTypeInfo info = ScalarTypeInfo.Of(leaf.Type);
                w.Line($"        new global::Prom.StructLeaf({Json.CSharpLiteral(leaf.Path)}, {Json.CSharpLiteral(leaf.Column)}, {leaf.Offset}, {info.Size}, global::Prom.ScalarKind.{leaf.Type}),");
            }
            w.Line("    },");
            w.Line($"    {Json.CSharpLiteral(StructDescriptors.StructFormatBody(layout))},");
            w.Line($"    {Json.CSharpLiteral(StructDescriptors.NumpyDtype(layout, bigEndian: false))},");
            w.Line($"    {Json.CSharpLiteral(StructDescriptors.NumpyDtype(layout, bigEndian: true))},");
            w.Line($"    {Json.CSharpLiteral(StructDescriptors.JsonSchema(model.Name, layout))});");
            w.Line();
            w.Line("/// <summary>The layout computed at compile time: size, alignment, leaves, numpy dtype, Python struct format, JSON schema.</summary>");
            w.Line($"public static global::Prom.StructLayoutInfo {StructNames.LayoutProperty} => {StructNames.LayoutField};");
            w.Line();
        }

        private static void EmitPublicPacking(SourceWriter w, StructModel model)
        {
            string self = model.FullyQualifiedName;
            w.Line("/// <summary>Packs <paramref name=\"value\"/> into the first <c>Layout.Size</c> bytes of <paramref name=\"destination\"/>; padding bytes are left untouched.</summary>");
            w.Open($"public static void Write(in {self} value, {Span} destination, bool bigEndian = false)");
            w.Line($"if (destination.Length < {Size}) {ThrowTooShort}(nameof(destination), destination.Length, {Size});");
            w.Line($"UnsafeWrite(ref {Unsafe}.As<{self}, byte>(ref {Unsafe}.AsRef(in value)), ref {MemoryMarshal}.GetReference(destination), bigEndian);");
            w.Close();
            w.Line();

            w.Line("/// <summary>Unpacks one value from the first <c>Layout.Size</c> bytes of <paramref name=\"source\"/>.</summary>");
            w.Open($"public static {self} Read({ReadOnlySpan} source, bool bigEndian = false)");
            w.Line($"if (source.Length < {Size}) {ThrowTooShort}(nameof(source), source.Length, {Size});");
            w.Line($"{self} value = default;");
            w.Line($"UnsafeRead(ref {MemoryMarshal}.GetReference(source), ref {Unsafe}.As<{self}, byte>(ref value), bigEndian);");
            w.Line("return value;");
            w.Close();
            w.Line();

            w.Line("/// <summary>Packs every value back to back (stride <c>Layout.Size</c>) into <paramref name=\"destination\"/>.</summary>");
            w.Open($"public static void WriteAll(global::System.ReadOnlySpan<{self}> values, {Span} destination, bool bigEndian = false)");
            w.Line($"long needed = (long)values.Length * {Size};");
            w.Line($"if (destination.Length < needed) {ThrowTooShort}(nameof(destination), destination.Length, needed);");
            if (model.Layout.IsPlain)
            {
                w.Open($"if ({NativeOrder})");
                w.Line($"{MemoryMarshal}.AsBytes(values).CopyTo(destination);");
                w.Line("return;");
                w.Close();
            }
            w.Line($"ref byte from = ref {Unsafe}.As<{self}, byte>(ref {MemoryMarshal}.GetReference(values));");
            w.Line($"ref byte to = ref {MemoryMarshal}.GetReference(destination);");
            w.Line($"nint stride = {Unsafe}.SizeOf<{self}>();");
            w.Open("for (int i = 0; i < values.Length; i++)");
            w.Line($"UnsafeWrite(ref {Unsafe}.Add(ref from, i * stride), ref {Unsafe}.Add(ref to, (nint)i * {Size}), bigEndian);");
            w.Close();
            w.Close();
            w.Line();

            w.Line("/// <summary>Unpacks <c>destination.Length</c> values laid back to back in <paramref name=\"source\"/>.</summary>");
            w.Open($"public static void ReadAll({ReadOnlySpan} source, global::System.Span<{self}> destination, bool bigEndian = false)");
            w.Line($"long needed = (long)destination.Length * {Size};");
            w.Line($"if (source.Length < needed) {ThrowTooShort}(nameof(source), source.Length, needed);");
            if (model.Layout.IsPlain)
            {
                w.Open($"if ({NativeOrder})");
                w.Line($"source.Slice(0, (int)needed).CopyTo({MemoryMarshal}.AsBytes(destination));");
                w.Line("return;");
                w.Close();
            }
            w.Line($"ref byte from = ref {MemoryMarshal}.GetReference(source);");
            w.Line($"ref byte to = ref {Unsafe}.As<{self}, byte>(ref {MemoryMarshal}.GetReference(destination));");
            w.Line($"nint stride = {Unsafe}.SizeOf<{self}>();");
            w.Open("for (int i = 0; i < destination.Length; i++)");
            w.Line($"UnsafeRead(ref {Unsafe}.Add(ref from, (nint)i * {Size}), ref {Unsafe}.Add(ref to, i * stride), bigEndian);");
            w.Close();
            w.Close();
            w.Line();
        }

        /// <summary>
        /// The unchecked core that nested [Struct]s and array loops call: reads the packed or in-memory bytes at
        /// <c>from</c> and writes <c>to</c>. Padding bytes of the destination are never written.
        /// </summary>
        private static void EmitUnsafePacking(SourceWriter w, StructModel model, bool write)
        {
            string name = write ? "UnsafeWrite" : "UnsafeRead";
            string summary = write
                ? "Packs the value whose bytes start at <paramref name=\"from\"/> to <paramref name=\"to\"/> with no bounds checks."
                : "Unpacks the bytes at <paramref name=\"from\"/> into the value whose bytes start at <paramref name=\"to\"/> with no bounds checks.";
            w.Line($"/// <summary>{summary} Called by generated code; prefer {(write ? "Write" : "Read")}.</summary>");
            w.Line(HiddenAttribute);
            w.Open($"public static void {name}(ref byte from, ref byte to, bool bigEndian)");
            List<PackStep> native = PackPlan.Native(model);
            List<PackStep> swapped = PackPlan.Swapped(model);
            if (native.Count == 0)
            {
                w.Line("_ = bigEndian;");
            }
            else if (native.SequenceEqual(swapped))
            {
                foreach (PackStep step in native) EmitStep(w, step, write);
            }
            else
            {
                w.Open($"if ({NativeOrder})");
                foreach (PackStep step in native) EmitStep(w, step, write);
                w.Close();
                w.Open("else");
                foreach (PackStep step in swapped) EmitStep(w, step, write);
                w.Close();
            }
            w.Close();
            w.Line();
        }

        private static void EmitStep(SourceWriter w, PackStep step, bool write)
        {
            switch (step)
            {
                case PackStep.Copy copy when copy.Length == 1:
                    w.Line($"{At("to", copy.Offset)} = {At("from", copy.Offset)};");
                    break;
                case PackStep.Copy copy:
                    w.Line($"{Unsafe}.CopyBlockUnaligned(ref {At("to", copy.Offset)}, ref {At("from", copy.Offset)}, {copy.Length});");
                    break;
                case PackStep.Bools bools:
                    Loop(w, bools.Count, bools.Offset, 1, at => $"{At("to", at)} = {At("from", at)} != 0 ? (byte)1 : (byte)0;");
                    break;
                case PackStep.Swap swap:
                    Loop(w, swap.Count, swap.Offset, swap.Size, at =>
                        $"{Unsafe}.WriteUnaligned(ref {At("to", at)}, global::System.Buffers.Binary.BinaryPrimitives.ReverseEndianness({Unsafe}.ReadUnaligned<{swap.SwapType}>(ref {At("from", at)})));");
                    break;
                case PackStep.Nested nested:
                    string method = write ? "UnsafeWrite" : "UnsafeRead";
                    Loop(w, nested.Count, nested.Offset, nested.Stride, at => $"{nested.TypeName}.{method}(ref {At("from", at)}, ref {At("to", at)}, bigEndian);");
                    break;
            }
        }

        /// <summary>Emits <paramref name="statement"/> once, or in a loop over <paramref name="count"/> elements.</summary>
        private static void Loop(SourceWriter w, int count, int offset, int stride, System.Func<string, string> statement)
        {
            if (count == 1)
            {
                w.Line(statement(offset.ToString(CultureInfo.InvariantCulture)));
                return;
            }
            w.Open($"for (int i = 0; i < {count}; i++)");
            string at = offset == 0 ? $"i * {stride}" : $"{offset} + (i * {stride})";
            if (stride == 1) at = offset == 0 ? "i" : $"{offset} + i";
            w.Line(statement(at));
            w.Close();
        }

        private static string At(string reference, int offset) => At(reference, offset.ToString(CultureInfo.InvariantCulture));

        private static string At(string reference, string offset) => offset == "0" ? reference : $"{Unsafe}.Add(ref {reference}, {offset})";

        private static void EmitThrowHelper(SourceWriter w, StructModel model)
        {
            w.Open($"private static void {ThrowTooShort}(string parameter, int length, long needed)");
            w.Line($"throw new global::System.ArgumentException($\"{model.Name}: the buffer has {{length}} bytes but {{needed}} are needed ({model.Name} packs to {{{Size}}} bytes each).\", parameter);");
            w.Close();
        }
    }
}
