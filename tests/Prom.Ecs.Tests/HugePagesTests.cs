using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Prom.Ecs.Tests.Components;
using Xunit;

namespace Prom.Ecs.Tests;

/// <summary>
/// Chunk blocks of 4 MiB or more start on a 2 MiB boundary and, on Linux with transparent huge pages enabled, are
/// backed by huge pages (<see cref="WorldOptions.UseHugePages"/>); the columns in them read and write as any others.
/// </summary>
public class HugePagesTests
{
    private const long HugePage = 2L * 1024 * 1024;

    // 16 chunks of 4096 rows, then blocks of 4, 8 and 16 chunks of 16384 rows: the 16-chunk block (16 B per row of
    // Position, prev + next: 4 MiB) is the first one worth huge pages.
    private const int FirstHugeBlockChunk = 16 + 4 + 8;
    private const int Entities = 300_000;

    [Fact]
    public void ALargeBlock_StartsOnAHugePageBoundary_AndItsRowsHoldTheirValues()
    {
        var world = new World();
        Entity[] entities = Enumerable.Range(0, Entities).Select(i => world.Create(new Position(i, -i))).ToArray();

        Chunk first = ChunkAt(world, FirstHugeBlockChunk);
        Assert.Equal(0, first.PrevAddress(0) % HugePage);
        Assert.Equal(new Position(Entities - 1, 1 - Entities), world.Get<Position>(entities[^1]));
        Assert.Equal(new Position(200_000, -200_000), world.Get<Position>(entities[200_000]));

        if (OperatingSystem.IsLinux() && TransparentHugePagesEnabled())
        {
            Assert.True(AnonHugePagesKiB(first.PrevAddress(0)) >= 2048, "the block's first 2 MiB is not a huge page");
        }
    }

    [Fact]
    public void WithHugePagesOff_BlocksStayOnPageBoundaries_AndAreNotAdvised()
    {
        var world = new World(new WorldOptions { UseHugePages = false });
        for (int i = 0; i < Entities; i++)
        {
            world.Create(new Position(i, -i));
        }

        Chunk first = ChunkAt(world, FirstHugeBlockChunk);
        Assert.Equal(0, first.PrevAddress(0) % 4096);
        if (OperatingSystem.IsLinux() && TransparentHugePagesMode() == "madvise")
        {
            Assert.Equal(0, AnonHugePagesKiB(first.PrevAddress(0)));
        }
    }

    private static Chunk ChunkAt(World world, int index)
    {
        int i = 0;
        foreach (QueryChunk chunk in world.Query().All<Position>().Build().Chunks())
        {
            if (i++ == index)
            {
                Assert.Equal(16384, chunk.Count);
                return chunk.Chunk;
            }
        }

        throw new InvalidOperationException($"the archetype has only {i} chunks");
    }

    private static string? TransparentHugePagesMode()
    {
        const string path = "/sys/kernel/mm/transparent_hugepage/enabled";
        if (!File.Exists(path))
        {
            return null;
        }

        string text = File.ReadAllText(path);
        int open = text.IndexOf('[');
        int close = text.IndexOf(']');
        return open >= 0 && close > open ? text[(open + 1)..close] : null;
    }

    private static bool TransparentHugePagesEnabled() => TransparentHugePagesMode() is "madvise" or "always";

    /// <summary>The AnonHugePages of the mapping that holds <paramref name="address"/>, from /proc/self/smaps.</summary>
    private static long AnonHugePagesKiB(nint address)
    {
        bool inside = false;
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            // A mapping's header is "lo-hi perms offset dev inode path"; its fields are "Name:   value kB".
            string first = line.Split(' ', 2)[0];
            int dash = first.IndexOf('-');
            if (!first.EndsWith(':') && dash > 0)
            {
                inside = long.Parse(first[..dash], NumberStyles.HexNumber) <= address && address < long.Parse(first[(dash + 1)..], NumberStyles.HexNumber);
            }
            else if (inside && first == "AnonHugePages:")
            {
                return long.Parse(line["AnonHugePages:".Length..].Trim().Split(' ')[0]);
            }
        }

        throw new InvalidOperationException($"no mapping holds 0x{address:x}");
    }
}
