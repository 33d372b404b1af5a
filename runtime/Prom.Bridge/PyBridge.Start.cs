using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Prom.Bridge.Arrays;
using Prom.Bridge.Protocol;

namespace Prom.Bridge;

public sealed partial class PyBridge
{
    private const int ProtocolVersion = 2;

    /// <summary>
    /// Starts a Python child and waits for its handshake. Fails fast with <see cref="BridgeStartException"/> when the
    /// executable is missing, exits, or is not a CPython that runs the bridge runtime.
    /// </summary>
    public static Task<PyBridge> StartAsync(PyBridgeOptions? options = null, CancellationToken ct = default)
        => StartIndexedAsync(options ?? new PyBridgeOptions(), 0, ct);

    internal static async Task<PyBridge> StartIndexedAsync(PyBridgeOptions options, int index, CancellationToken ct)
    {
        if (options.MaxInFlight < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxInFlight, "PyBridgeOptions.MaxInFlight must be at least 1.");
        }

        ILogger logger = CreateLogger(options);
        Ring.SharedRing? ring = options.SmallCalls != SmallCallTransport.Pipe && PipePoll.IsSupported
            && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64
            ? Ring.SharedRing.Create() : null;
        Process process;
        try
        {
            process = Launch(options, ring);
        }
        catch
        {
            ring?.Dispose();
            throw;
        }

        var stderr = new StderrPump(process.StandardError, logger, process.Id);
        var bridge = new PyBridge(process, options, logger, stderr, index, ring);
        try
        {
            Task hello = Task.Factory.StartNew(bridge.ReadHello, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            await hello.WaitAsync(options.StartTimeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            bridge.KillQuietly();
            ring?.Dispose();
            throw new BridgeStartException(
                $"'{options.PythonExecutable}' (pid {process.Id}) did not answer the bridge handshake within {options.StartTimeout}; "
                + "is it a CPython 3.8+ interpreter?" + StderrSuffix(stderr));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            bridge.KillQuietly();
            process.WaitForExit(2000);
            ring?.Dispose();
            await Task.WhenAny(stderr.Completion, Task.Delay(1000)).ConfigureAwait(false);
            string exit = process.HasExited ? $"exited with code {process.ExitCode}" : "was stopped";
            throw new BridgeStartException(
                $"'{options.PythonExecutable}' (pid {process.Id}) {exit} before completing the bridge handshake: {e.Message}" + StderrSuffix(stderr), e);
        }
        catch (OperationCanceledException)
        {
            bridge.KillQuietly();
            ring?.Dispose();
            throw;
        }

        bridge.AdoptRing();
        bridge.StartReading();
        return bridge;
    }

    private static Process Launch(PyBridgeOptions options, Ring.SharedRing? ring)
    {
        var info = new ProcessStartInfo(options.PythonExecutable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(RuntimeSource.Text);
        info.ArgumentList.Add(SharedMemoryFile.DefaultDirectory);
        info.ArgumentList.Add(ring?.Path ?? "");
        info.ArgumentList.Add(((long)(options.RingSpin.TotalMicroseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.Environment["PYTHONIOENCODING"] = "utf-8";
        foreach (var (name, value) in options.Environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        if (options.WorkingDirectory is not null)
        {
            info.WorkingDirectory = options.WorkingDirectory;
        }

        try
        {
            return Process.Start(info) ?? throw new BridgeStartException($"'{options.PythonExecutable}' could not be started.");
        }
        catch (Win32Exception e)
        {
            throw new BridgeStartException(
                $"The Python interpreter '{options.PythonExecutable}' could not be started ({e.Message}). "
                + "Set PyBridgeOptions.PythonExecutable to a CPython 3.8+ executable.", e);
        }
    }

    /// <summary>Reads and checks the first frame: <c>{"op": "hello", "v": 2, ...}</c>.</summary>
    private void ReadHello()
    {
        Span<byte> raw = stackalloc byte[FrameHeader.Size];
        FrameHeader header;
        try
        {
            if (!_reader.TryReadHeader(out header, raw))
            {
                throw new EndOfStreamException("it closed its output without a word");
            }
        }
        catch (BridgeProtocolException)
        {
            throw new BridgeProtocolException($"it is not running the bridge runtime: its output starts with {Preview(raw)}");
        }

        if (header.Kind != FrameKind.Json || header.Length > FrameLimits.MaxHelloBytes)
        {
            throw new BridgeProtocolException($"it is not running the bridge runtime: its output starts with {Preview(raw)}");
        }

        byte[] frame = new byte[header.Length];
        _reader.ReadPayload(header, frame);
        ResponseHeader hello = ResponseHeader.Parse(frame);
        if (hello.Op != "hello")
        {
            throw new BridgeProtocolException($"the first message was not a hello: {Encoding.UTF8.GetString(frame)}");
        }

        using var doc = System.Text.Json.JsonDocument.Parse(frame);
        int version = doc.RootElement.GetProperty("v").GetInt32();
        if (version != ProtocolVersion)
        {
            throw new BridgeProtocolException($"the runtime speaks protocol {version}, the host {ProtocolVersion}");
        }

        PythonVersion = doc.RootElement.GetProperty("python").GetString() ?? "";
        HasNumpy = doc.RootElement.GetProperty("numpy").GetBoolean();
        _ringMapped = doc.RootElement.TryGetProperty("ring", out System.Text.Json.JsonElement mapped) && mapped.ValueKind == System.Text.Json.JsonValueKind.True;
    }

    private static string Preview(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder("\"");
        foreach (byte b in bytes)
        {
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        }

        return text.Append('"').ToString();
    }

    private static string StderrSuffix(StderrPump stderr)
    {
        string tail = stderr.Tail;
        return tail.Length == 0 ? "" : " Its stderr said:\n" + tail;
    }
}
