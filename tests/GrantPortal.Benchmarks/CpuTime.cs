using System.Globalization;

namespace GrantPortal.Benchmarks;

/// <summary>
/// CPU time read from /proc, so that a run on a shared machine can still say where its time went: this process, its
/// finished children (pgbench), and the database server (the postmaster, its live backends and those that ended).
/// </summary>
public static class CpuTime
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux the project runs on

    /// <summary>CPU used so far by the client side (this process and its finished children) and by the server.</summary>
    public static CpuSample Sample(string dataDirectory) =>
        new(Read(Environment.ProcessId, self: true, children: true), Server(dataDirectory), LoadAverage());

    /// <summary>The server's CPU: the postmaster named in <paramref name="dataDirectory"/>'s postmaster.pid and all its children.</summary>
    private static TimeSpan Server(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), out var postmaster))
        {
            return TimeSpan.Zero;
        }

        var total = Read(postmaster, self: true, children: true);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && Fields(pid) is { } fields
                && int.Parse(fields[1], CultureInfo.InvariantCulture) == postmaster)
            {
                total += Read(pid, self: true, children: false);
            }
        }

        return total;
    }

    private static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    private static TimeSpan Read(int pid, bool self, bool children)
    {
        if (Fields(pid) is not { } f)
        {
            return TimeSpan.Zero;
        }

        // After the command name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
        long Field(int i) => long.Parse(f[i], CultureInfo.InvariantCulture);
        var ticks = (self ? Field(11) + Field(12) : 0) + (children ? Field(13) + Field(14) : 0);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in parentheses and may hold spaces; the fields after it are plain.
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null; // the process ended meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>CPU used until a moment by the client and the server, and the machine's one-minute load average then.</summary>
public sealed record CpuSample(TimeSpan Client, TimeSpan Server, double LoadAverage)
{
    /// <summary>CPU milliseconds per unit of work between <paramref name="start"/> and this sample.</summary>
    public (double ClientMs, double ServerMs) PerUnit(CpuSample start, double units) =>
        ((Client - start.Client).TotalMilliseconds / units, (Server - start.Server).TotalMilliseconds / units);
}
