using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO;

namespace Prom.Benchmarks.Bridge;

/// <summary>
/// The physical floor of a round trip: the same Python echoing a framed message back over the same kind of pipes,
/// with no JSON, no dispatch and no tasks. Like the bridge, the C# side writes a frame with one call and blocks in
/// <c>read</c> for the answer; Python reads through a buffered reader and answers with one <c>os.write</c>.
/// </summary>
internal sealed class RawPipeEcho : IDisposable
{
    private const string Script = """
        import os
        r = os.fdopen(0, 'rb', buffering=1 << 16)
        while True:
            h = r.read(5)
            if len(h) < 5:
                break
            n = int.from_bytes(h[:4], 'big')
            p = r.read(n) if n else b''
            os.write(1, h + p)
        """;

    private readonly Process _process;
    private readonly Stream _in;
    private readonly Stream _out;
    private readonly byte[] _frame;
    private readonly byte[] _back;

    public RawPipeEcho(string python, int payloadBytes)
    {
        var info = new ProcessStartInfo(python) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Script);
        _process = Process.Start(info)!;
        _in = _process.StandardInput.BaseStream;
        _out = _process.StandardOutput.BaseStream;
        _frame = new byte[5 + payloadBytes];
        BinaryPrimitives.WriteUInt32BigEndian(_frame, (uint)payloadBytes);
        _frame[4] = 1;
        _back = new byte[_frame.Length];
    }

    public void RoundTrip()
    {
        _in.Write(_frame);
        _in.Flush();
        _out.ReadExactly(_back);
    }

    public void Dispose()
    {
        _in.Close();
        _process.WaitForExit(3000);
        _process.Dispose();
    }
}
