using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace OpenDvc.Tests.Platform;

/// <summary>The built <c>opendvc</c> program as a child process, as an operator runs it: for crash, memory and CLI tests.</summary>
public static class OpenDvcProcess
{
    /// <summary>Starts it with <paramref name="args"/>; its output goes to <paramref name="output"/> when given.</summary>
    public static Process Start(IEnumerable<string> args, StringBuilder? output = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "opendvc.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs it to its end with no input: its exit code and everything it printed.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var output = new StringBuilder();
        using var process = Start(args, output);
        process.StandardInput.Close();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, output.ToString());
    }

    /// <summary>A loopback port nobody listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A process's resident memory now, and its peak since the last <see cref="ResetPeakMemory"/> (Linux /proc), in bytes.</summary>
    public static (long Resident, long Peak) Memory(Process process)
    {
        long Field(string[] lines, string name) => long.Parse(
            lines.First(l => l.StartsWith(name, StringComparison.Ordinal))[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        var status = File.ReadAllLines($"/proc/{process.Id}/status");
        return (Field(status, "VmRSS:"), Field(status, "VmHWM:"));
    }

    /// <summary>Sets the process's peak resident memory back to its current one (Linux: <c>5</c> into clear_refs).</summary>
    public static void ResetPeakMemory(Process process) => File.WriteAllText($"/proc/{process.Id}/clear_refs", "5");

    private static void Append(StringBuilder? output, string? line)
    {
        if (output is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
