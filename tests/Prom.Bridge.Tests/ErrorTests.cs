using System;
using System.Threading.Tasks;
using Prom.Bridge;
using Xunit;

namespace Prom.Bridge.Tests;

public sealed class ErrorTests : IClassFixture<BridgeFixture>
{
    private readonly PyBridge _py;

    public ErrorTests(BridgeFixture fixture) => _py = fixture.Py;

    [Fact]
    public async Task DivisionByZero_IsPythonExceptionWithTypeAndTraceback_AndTheNextCallWorks()
    {
        var error = await Assert.ThrowsAsync<PythonException>(() => _py.Import("operator").Call<double>("truediv", 1, 0));
        double next = await _py.Import("math").Call<double>("sqrt", 16);

        Assert.Equal("ZeroDivisionError", error.TypeName);
        Assert.Equal("division by zero", error.PythonMessage);
        Assert.Contains("Traceback (most recent call last)", error.PythonTraceback);
        Assert.Contains("ZeroDivisionError", error.PythonTraceback);
        Assert.Equal(4.0, next);
    }

    [Fact]
    public async Task UserDefinedException_KeepsItsQualifiedTypeName()
    {
        PyObject code = await PythonCode.DefineAsync(_py, """
            class Boom(ValueError):
                pass
            def fail(what):
                raise Boom("bad " + what)
            """);

        var error = await Assert.ThrowsAsync<PythonException>(() => code.Call<object>("fail", "input"));

        Assert.Equal("prom_test_helpers.Boom", error.TypeName);
        Assert.Equal("bad input", error.PythonMessage);
        Assert.Contains("in fail", error.PythonTraceback);
    }

    [Fact]
    public async Task MissingModuleAndAttribute_AreTheirPythonErrors()
    {
        var missing = await Assert.ThrowsAsync<PythonException>(() => _py.Import("no_such_module_xyz").Call<int>("f"));
        var attribute = await Assert.ThrowsAsync<PythonException>(() => _py.Import("math").Call<double>("no_such_function", 1));

        Assert.Equal("ModuleNotFoundError", missing.TypeName);
        Assert.Equal("AttributeError", attribute.TypeName);
        Assert.Equal(3, await _py.Builtins.Call<int>("len", "abc"));
    }

    [Fact]
    public async Task UnsupportedHostValue_IsRejectedBeforeSending_NamingTheType()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _py.Builtins.Call<string>("repr", DateTime.UnixEpoch));

        Assert.Contains("System.DateTime", error.Message);
        Assert.Equal("1", await _py.Builtins.Call<string>("repr", 1));
    }

    [Fact]
    public async Task ResultOfTheWrongType_IsAClearCastError()
    {
        var error = await Assert.ThrowsAsync<InvalidCastException>(() => _py.Builtins.Call<int>("str", 5));

        Assert.Contains("str", error.Message);
        Assert.Contains("Int32", error.Message);
    }
}
