using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Prom.Bridge;

/// <summary>
/// Drains the child's stderr on its own thread, line by line, into logging, and keeps the last few kilobytes for
/// error messages. It never waits on anything else, so a child writing megabytes to stderr never blocks.
/// </summary>
internal sealed class StderrPump
{
    private const int MaxLine = 8192;
    private const int TailChars = 4096;

    private readonly TextReader _reader;
    private readonly ILogger _logger;
    private readonly int _pid;
    private readonly StringBuilder _tail = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lines;

    public StderrPump(TextReader reader, ILogger logger, int pid)
    {
        _reader = reader;
        _logger = logger;
        _pid = pid;
        var thread = new Thread(Run) { IsBackground = true, Name = $"prom-bridge stderr {pid}" };
        thread.Start();
    }

    /// <summary>Completes when stderr reaches its end.</summary>
    public Task Completion => _done.Task;

    public long Lines => Interlocked.Read(ref _lines);

    public string Tail
    {
        get
        {
            lock (_tail)
            {
                return _tail.ToString().TrimEnd();
            }
        }
    }

    private void Run()
    {
        char[] chunk = new char[4096];
        var line = new StringBuilder();
        try
        {
            int n;
            while ((n = _reader.Read(chunk, 0, chunk.Length)) > 0)
            {
                AppendTail(chunk.AsSpan(0, n));
                for (int i = 0; i < n; i++)
                {
                    char c = chunk[i];
                    if (c == '\n')
                    {
                        Emit(line);
                    }
                    else if (c != '\r')
                    {
                        line.Append(c);
                        if (line.Length >= MaxLine)
                        {
                            Emit(line);
                        }
                    }
                }
            }

            if (line.Length > 0)
            {
                Emit(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe broke because the process is gone; what was read has been logged.
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    private void Emit(StringBuilder line)
    {
        Interlocked.Increment(ref _lines);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            Log.Stderr(_logger, _pid, line.ToString());
        }

        line.Clear();
    }

    private void AppendTail(ReadOnlySpan<char> text)
    {
        lock (_tail)
        {
            _tail.Append(text);
            if (_tail.Length > 2 * TailChars)
            {
                _tail.Remove(0, _tail.Length - TailChars);
            }
        }
    }
}
