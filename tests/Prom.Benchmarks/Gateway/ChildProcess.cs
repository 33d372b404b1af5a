using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Prom.Benchmarks.Gateway;

/// <summary>
/// A server child process of a benchmark (the ready Prom.Bus server, nats-server): started with its arguments, ready
/// when a line of its console output contains a marker, killed with its process tree at the end. Its output is kept for
/// the error message when it does not come up.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private ChildProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The console line that contained the ready marker.</summary>
    public string ReadyLine { get; private set; } = "";

    /// <summary>The child's process id, for a profiler to attach to.</summary>
    public int Id => _process.Id;

    public string Log => string.Join("\n", _log);

    public static ChildProcess Start(string file, string readyMarker, TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var child = new ChildProcess(Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}."));
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            if (child._log.Count < 500)
            {
                child._log.Enqueue(line);
            }

            if (line.Contains(readyMarker, StringComparison.Ordinal))
            {
                ready.TrySetResult(line);
            }
        }

        child._process.OutputDataReceived += (_, e) => OnLine(e.Data);
        child._process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        try
        {
            child.ReadyLine = ready.Task.WaitAsync(timeout).GetAwaiter().GetResult();
            return child;
        }
        catch (TimeoutException)
        {
            child.Dispose();
            throw new InvalidOperationException($"{file} did not print '{readyMarker}' within {timeout.TotalSeconds} s:\n{child.Log}");
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
