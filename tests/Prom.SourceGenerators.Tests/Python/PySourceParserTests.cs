using System.Linq;
using Prom.CodeModel.Python;
using Xunit;

namespace Prom.SourceGenerators.Tests.Python;

/// <summary>The parts of the parser the stdlib test cannot pin down by itself: docstrings, generators, kinds, defaults.</summary>
public sealed class PySourceParserTests
{
    [Fact]
    public void MultiLineSignature_WithCommentsDecoratorsAndDefaults_IsRead()
    {
        const string source = """
            import functools

            @functools.lru_cache(maxsize=None)
            def f(a: int,  # the first
                  b: "list[str]" = ["x", "y"],   # a string annotation and a list default
                  /,
                  c: dict[str, tuple[int, ...]] = {},
                  *args: float,
                  key: str = 'k\'s',
                  flag: bool = True,
                  **rest: int,
            ) -> tuple[int, str]:
                '''Docs
                   over lines.'''
                return (a, b)
            """;
        PyFunctionSyntax f = Assert.Single(PySourceParser.Parse(source).Functions);
        Assert.Null(f.Error);
        Assert.Equal(new[] { "functools.lru_cache(maxsize=None)" }, f.Decorators.ToArray());
        Assert.Equal(
            new[] { ("a", PyParameterKind.PositionalOnly), ("b", PyParameterKind.PositionalOnly), ("c", PyParameterKind.Normal), ("args", PyParameterKind.VarPositional),
                    ("key", PyParameterKind.KeywordOnly), ("flag", PyParameterKind.KeywordOnly), ("rest", PyParameterKind.VarKeyword) },
            f.Parameters.Select(p => (p.Name, p.Kind)).ToArray());
        Assert.Equal((PyDefaultKind.Expression, "[\"x\", \"y\"]"), (f.Parameters[1].DefaultKind, f.Parameters[1].DefaultText));
        Assert.Equal((PyDefaultKind.String, "k's"), (f.Parameters[4].DefaultKind, f.Parameters[4].DefaultText));
        Assert.Equal((PyDefaultKind.Bool, "true"), (f.Parameters[5].DefaultKind, f.Parameters[5].DefaultText));
        Assert.Equal(PyHintKind.String, f.Parameters[1].Hint!.Kind);
        Assert.Equal("tuple[int, str]", f.Return!.ToString());
        Assert.Equal("Docs\n       over lines.", f.Doc); // the raw value; the emitter cleans it like inspect.cleandoc
        Assert.False(f.IsGenerator);
    }

    [Fact]
    public void YieldInANestedFunction_DoesNotMakeTheOuterOneAGenerator()
    {
        const string source = """
            def outer() -> int:
                def inner():
                    yield 1
                return 2

            def gen():
                if True:
                    x = yield
            """;
        var functions = PySourceParser.Parse(source).AllFunctions.ToDictionary(f => f.Name);
        Assert.False(functions["outer"].IsGenerator);
        Assert.True(functions["inner"].IsGenerator);
        Assert.True(functions["gen"].IsGenerator);
    }

    [Fact]
    public void ClassBody_MethodsPropertiesAttributesAndDocstrings()
    {
        const string source = """
            from dataclasses import dataclass

            @dataclass(frozen=True)
            class Point:
                "A point."
                x: float
                y: float = 0.0
                tag: typing.ClassVar[str] = "p"

                def norm(self) -> float: return (self.x ** 2 + self.y ** 2) ** 0.5

                @staticmethod
                def origin() -> "Point":
                    return Point(0.0)
            """;
        PyClassSyntax point = Assert.Single(PySourceParser.Parse(source).Classes);
        Assert.Equal("A point.", point.Doc);
        Assert.Equal(new[] { "dataclass(frozen=True)" }, point.Decorators.ToArray());
        Assert.Equal(new[] { "x", "y", "tag" }, point.Attributes.Select(a => a.Name).ToArray());
        Assert.Equal(new[] { "norm", "origin" }, point.Methods.Select(m => m.Name).ToArray());
        Assert.Equal(new[] { "staticmethod" }, point.Methods[1].Decorators.ToArray());
    }

    [Theory]
    [InlineData("def f(x: int = ) -> int: pass", "has '=' but no default value")]
    [InlineData("def f[T](x: T) -> T: pass", "type parameters")]
    [InlineData("def f(x y) -> int: pass", "unexpected 'y'")]
    public void UnreadableSignatures_AreReported(string source, string message)
    {
        PyModuleSyntax module = PySourceParser.Parse(source + "\n");
        PyFunctionSyntax f = Assert.Single(module.AllFunctions);
        Assert.Contains(message, f.Error);
        Assert.Contains(module.Problems, p => p.Function == "f" && p.Message.Contains(message));
    }
}
