using System.Collections.Generic;
using Prom.CodeModel.Python;
using Xunit;

namespace Prom.SourceGenerators.Tests.Python;

/// <summary>The hint → C# table of docs/bridge.md, row by row, through the module's imports and aliases.</summary>
public sealed class PyTypeMapperTests
{
    private const string Imports = """
        from __future__ import annotations
        import typing
        import typing as t
        import collections.abc
        from typing import Annotated, Any, Dict, List, Literal, Optional, Tuple, Union
        from collections.abc import Iterable, Iterator, Mapping, Sequence
        import numpy as np
        import numpy.typing as npt
        from numpy.typing import NDArray

        Vector = list[float]
        MaybeInt = int | None

        class Point:
            pass

        """;

    [Theory]
    [InlineData("int", "long")]
    [InlineData("float", "double")]
    [InlineData("str", "string")]
    [InlineData("bool", "bool")]
    [InlineData("bytes", "byte[]")]
    [InlineData("Any", "object?")]
    [InlineData("object", "object?")]
    [InlineData("Annotated[int, \"BigInteger\"]", "global::System.Numerics.BigInteger")]
    [InlineData("int | None", "long?")]
    [InlineData("None | str", "string?")]
    [InlineData("Optional[float]", "double?")]
    [InlineData("t.Optional[float]", "double?")]
    [InlineData("Union[str, None]", "string?")]
    [InlineData("MaybeInt", "long?")]
    [InlineData("list[int]", "global::System.Collections.Generic.IReadOnlyList<long>")]
    [InlineData("List[str]", "global::System.Collections.Generic.IReadOnlyList<string>")]
    [InlineData("Sequence[float]", "global::System.Collections.Generic.IReadOnlyList<double>")]
    [InlineData("collections.abc.Sequence[float]", "global::System.Collections.Generic.IReadOnlyList<double>")]
    [InlineData("Vector", "global::System.Collections.Generic.IReadOnlyList<double>")]
    [InlineData("tuple[int, ...]", "global::System.Collections.Generic.IReadOnlyList<long>")]
    [InlineData("tuple[int, str]", "(long, string)")]
    [InlineData("Tuple[float]", "global::System.ValueTuple<double>")]
    [InlineData("dict[str, int]", "global::System.Collections.Generic.IReadOnlyDictionary<string, long>")]
    [InlineData("Mapping[str, list[tuple[str, int]]]", "global::System.Collections.Generic.IReadOnlyDictionary<string, global::System.Collections.Generic.IReadOnlyList<(string, long)>>")]
    [InlineData("Iterable[int]", "global::System.Collections.Generic.IEnumerable<long>")]
    [InlineData("Literal['a', 'b']", "string")]
    [InlineData("Literal[1, -2]", "long")]
    [InlineData("npt.NDArray[np.float64]", "global::Prom.Bridge.SharedArray<double>")]
    [InlineData("NDArray[np.float32]", "global::Prom.Bridge.SharedArray<float>")]
    [InlineData("npt.NDArray[np.uint8]", "global::Prom.Bridge.SharedArray<byte>")]
    [InlineData("npt.NDArray[np.bool_]", "global::Prom.Bridge.SharedArray<bool>")]
    [InlineData("Annotated[npt.NDArray[np.void], \"App.Reading\"]", "global::Prom.Bridge.SharedArray<global::App.Reading>")]
    [InlineData("Point", "Point")]
    [InlineData("\"Point\"", "Point")]
    [InlineData("Optional['Point']", "Point?")]
    [InlineData("'list[int]'", "global::System.Collections.Generic.IReadOnlyList<long>")]
    public void Parameter_MapsTo(string hint, string expected) => Assert.Equal(expected, Map(hint, PyHintPosition.Parameter));

    [Theory]
    [InlineData("None", "void")]
    [InlineData("Iterator[int]", "global::System.Collections.Generic.IAsyncEnumerable<long>")]
    [InlineData("typing.Generator[str, None, None]", "global::System.Collections.Generic.IAsyncEnumerable<string>")]
    [InlineData("Iterable[tuple[int, int]]", "global::System.Collections.Generic.IAsyncEnumerable<(long, long)>")]
    public void Result_MapsTo(string hint, string expected) => Assert.Equal(expected, Map(hint, PyHintPosition.Return));

    [Theory]
    [InlineData("set[int]", "sets are not mapped")]
    [InlineData("int | str", "unions of several types")]
    [InlineData("typing.Callable[[int], int]", "callables are not mapped")]
    [InlineData("np.ndarray", "numpy arrays need a dtype")]
    [InlineData("npt.NDArray[np.complex128]", "is not mapped")]
    [InlineData("npt.NDArray[np.void]", "a structured array needs its [Struct]")]
    [InlineData("list[Point]", "inside containers are not mapped")]
    [InlineData("dict[int | None, str]", "dict keys cannot be None")]
    [InlineData("Literal['a', 1]", "must all be strings, all ints or all bools")]
    [InlineData("tuple[int, int, int, int, int, int, int, int]", "1 to 7 items")]
    [InlineData("None", "None-only")]
    [InlineData("Iterator[int]", "only as results")]
    [InlineData("Frobnicator", "not a type the generator maps")]
    [InlineData("complex", "complex numbers")]
    public void Parameter_IsRejected(string hint, string reason)
    {
        PyMappedType? type = Mapper(out PyHint parsed, hint).Map(parsed, PyHintPosition.Parameter, out string? why);
        Assert.Null(type);
        Assert.Contains(reason, why);
    }

    private static string? Map(string hint, PyHintPosition position)
    {
        PyMappedType? type = Mapper(out PyHint parsed, hint).Map(parsed, position, out string? why);
        Assert.True(type is not null, $"'{hint}' was not mapped: {why}");
        return type!.CSharpType;
    }

    private static PyTypeMapper Mapper(out PyHint parsed, string hint)
    {
        PyModuleSyntax module = PySourceParser.Parse(Imports + "def f(x: " + hint + "): pass\n");
        PyFunctionSyntax f = Assert.Single(module.Functions);
        Assert.Null(f.Error);
        parsed = f.Parameters[0].Hint ?? throw new Xunit.Sdk.XunitException($"'{hint}' did not parse: {f.Parameters[0].HintError}");
        return new PyTypeMapper(module, new Dictionary<string, string> { ["Point"] = "Point" });
    }
}
