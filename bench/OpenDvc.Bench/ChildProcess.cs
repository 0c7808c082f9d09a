using System.Diagnostics;

namespace OpenDvc.Bench;

/// <summary>
/// Programs the benchmarks run as processes of their own: the product's <c>opendvc</c> (its runtime settings are the
/// ingest's, its peak memory its own) and a user's tools (<c>sqlite3</c>, <c>psql</c>).
/// </summary>
public static class ChildProcess
{
    /// <summary>
    /// The product's program with <paramref name="arguments"/>: its app host beside opendvc.dll when there is one,
    /// else the dotnet host with opendvc.dll (the build the benchmark runs from: Release under <c>dotnet run -c Release</c>).
    /// </summary>
    public static ProcessStartInfo Opendvc(params IEnumerable<string> arguments)
    {
        var program = typeof(global::Program).Assembly.Location;
        var appHostPath = Path.ChangeExtension(program, OperatingSystem.IsWindows() ? ".exe" : null);
        var appHost = File.Exists(appHostPath);
        var start = Redirected(appHost ? appHostPath : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
        if (!appHost)
        {
            start.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary><paramref name="file"/> with its standard streams redirected, so the benchmark reads what it prints.</summary>
    public static ProcessStartInfo Redirected(string file, params IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>The first program of that name on the PATH; null when absent.</summary>
    public static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
