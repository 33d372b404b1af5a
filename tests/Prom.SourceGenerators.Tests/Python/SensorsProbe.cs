namespace Prom.SourceGenerators.Tests.Python;

/// <summary>The C# program that calls the wrapper of Modules/sensors.py in the compile-and-run tests.</summary>
internal static class SensorsProbe
{
    public const string CSharp = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Numerics;
        using System.Threading.Tasks;
        using Prom;
        using Prom.Bridge;

        namespace App;

        [Struct]
        public partial struct Reading
        {
            public partial double Value { get; set; }
            public partial int Index { get; set; }
        }

        public static class Probe
        {
            public static async Task<string> Run(PyBridge py)
            {
                var s = new SensorsModule(py);
                var lines = new List<string>();
                using (SharedArray<double> a = SharedArray.CopyOf<double>(new[] { 1.0, 2.0, 3.0 }))
                {
                    double sum = await s.Calibrate(a, gain: 3.0, offset: 1.0);
                    lines.Add($"calibrate {sum} [{string.Join(",", a.ToArray())}]");
                    lines.Add($"calibrate-default {await s.Calibrate(a)}");
                }
                lines.Add("describe " + await s.Describe("n", 42, 0.5, true, new byte[] { 1, 255 }));
                lines.Add("cube " + await s.Cube(BigInteger.Pow(10, 20)));
                lines.Add($"maybe [{await s.Maybe()}] [{await s.Maybe(5)}]");
                var pairs = await s.Pairs(new List<(string, long)> { ("a", 1), ("b", 2) });
                lines.Add("pairs " + string.Join(",", pairs.Select(p => p.Item1 + "=" + p.Item2)));
                var totals = await s.Totals(new Dictionary<string, IReadOnlyList<double>> { ["x"] = new[] { 1.5, 2.5 } });
                lines.Add("totals " + string.Join(",", totals.Select(p => p.Key + "=" + p.Value)));
                lines.Add($"mode {await s.Mode()} {await s.Mode("slow")}");
                try { await s.Mode("medium"); lines.Add("mode medium accepted"); }
                catch (ArgumentOutOfRangeException) { lines.Add("mode medium rejected"); }
                await s.Nothing();
                lines.Add("spread " + await s.Spread(1, scale: 3, rest: new long[] { 2, 3 }, named: new Dictionary<string, long> { ["z"] = 9 }));
                lines.Add($"later {await s.Later()} {await s.Later(y: 2.0)} {await s.Later(x: 2.0, y: 3.0)}");
                var squares = new List<long>();
                await foreach (long v in s.CountUp(4)) squares.Add(v);
                lines.Add("count_up " + string.Join(",", squares));
                lines.Add("slow_add " + await s.SlowAdd(2, 3));
                using (SharedArray<double> v = SharedArray.CopyOf<double>(new[] { 1.0, 2.0 }))
                using (SharedArray<Reading> r = await s.ToReadings(v))
                {
                    lines.Add("to_readings " + string.Join(",", r.ToArray().Select(x => x.Index + ":" + x.Value)));
                }
                try { using var bad = await s.WrongReadings(); lines.Add("wrong_readings accepted"); }
                catch (InvalidCastException e) { lines.Add("wrong_readings rejected: " + e.Message); }
                await using (SensorsModule.Calibrator c = await s.CreateCalibrator(1.5, label: "k"))
                {
                    lines.Add($"calibrator {await c.Apply(2.0)} {await c.GetGain()} {await c.GetLabel()}");
                    await c.SetGain(4.0);
                    await using SensorsModule.Calibrator twin = await c.Twin();
                    lines.Add($"twin {await twin.GetGain()} {await twin.GetLabel()} use {await s.UseCalibrator(twin, 0.5)}");
                }
                await using (SensorsModule.Calibrator made = await s.MakeCalibrator(0.25))
                {
                    lines.Add($"made {await made.Apply(8.0)}");
                }
                await using (SensorsModule.Span span = await s.CreateSpan(3))
                {
                    await using SensorsModule.Span unit = await span.Unit();
                    lines.Add($"span {await span.Length()} {await span.GetStop()} unit {await unit.Length()}");
                }
                try { await s.WrongType(); lines.Add("wrong_type accepted"); }
                catch (InvalidCastException) { lines.Add("wrong_type rejected"); }
                try { await s.SlowAdd(1, 2, timeout: TimeSpan.FromMilliseconds(1)); lines.Add("timeout not hit"); }
                catch (TimeoutException) { lines.Add("timeout hit"); }
                double[] plain = { 1.0, 2.0, 3.0 };
                double[] large = Enumerable.Repeat(0.5, 1 << 16).ToArray(); // 512 KiB: a lent shared segment
                using (SharedArray<double> shared = SharedArray.CopyOf<double>(plain))
                {
                    lines.Add("total " + await s.Total(plain) + " " + await s.Total(plain.AsMemory(1), weights: new[] { 2.0, 4.0 })
                        + " " + await s.Total(large) + " " + await s.Total(shared));
                }
                try { await s.Calibrate(plain); lines.Add("calibrate by value accepted"); }
                catch (PythonException e) { lines.Add("calibrate by value rejected: " + e.TypeName); }
                return string.Join("\n", lines);
            }
        }
        """;
}
