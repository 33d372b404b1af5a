using System.Diagnostics;
using System.IO;
using System.Text.Json;
using Prom.Bridge.Tests.Fuzz;
using Xunit;

namespace Prom.Bridge.Tests.Ring;

/// <summary>
/// The Python half serves a ring record holding a repeated small call from the request's kept plan
/// (<c>_serve_planned</c>) instead of the general path. Run by <c>ring_planned.py</c> through the runtime's real ring
/// code: every request shape must get the same answer from the plan as from the general path, exactly the plannable
/// shapes get a plan, and a damaged record of a planned request must be left untouched by the fast path and then
/// rejected by the general path (never answered from the plan).
/// </summary>
public sealed class RingPlannedPathTests
{
    private static readonly string s_script = Path.Combine(System.AppContext.BaseDirectory, "Ring", "ring_planned.py");

    [Fact]
    public async System.Threading.Tasks.Task PlannedAnswers_EqualTheGeneralPaths_AndDamagedRecordsAreRejected()
    {
        string directory = Directory.CreateTempSubdirectory("prom-ring-planned-").FullName;
        try
        {
            var info = new ProcessStartInfo(TestPython.Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(s_script);
            info.ArgumentList.Add(ProtocolFuzzPython.WriteRuntime(directory));
            info.ArgumentList.Add(directory);
            using Process python = Process.Start(info)!;
            var stderr = python.StandardError.ReadToEndAsync();
            var stdoutRead = python.StandardOutput.ReadToEndAsync();
            bool finished = true;
            using (var limit = new System.Threading.CancellationTokenSource(System.TimeSpan.FromSeconds(60)))
            {
                try
                {
                    await python.WaitForExitAsync(limit.Token); // no thread blocked meanwhile: other tests' timers keep firing
                }
                catch (System.OperationCanceledException)
                {
                    finished = false;
                    python.Kill();
                }
            }

            string stdout = await stdoutRead;

            string errors = await stderr;
            Assert.True(finished && python.ExitCode == 0, $"ring_planned.py failed: {stdout}{errors}");
            JsonElement summary = JsonDocument.Parse(stdout).RootElement;
            Assert.Equal("[]", summary.GetProperty("mismatches").GetRawText());
            Assert.Equal("[]", summary.GetProperty("wrongly_planned").GetRawText());
            Assert.Equal(17, summary.GetProperty("planned").GetInt32());
            int damages = 0;
            foreach (JsonProperty damage in summary.GetProperty("damaged").EnumerateObject())
            {
                damages++;
                Assert.True(damage.Value.GetProperty("untouched").GetBoolean(), $"{damage.Name}: the fast path changed state");
                Assert.True(damage.Value.GetProperty("rejected").GetBoolean(), $"{damage.Name}: the general path did not reject it");
            }

            Assert.Equal(4, damages); // a flipped payload byte, a flipped header byte, a wrong sequence number, a trailing byte
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
