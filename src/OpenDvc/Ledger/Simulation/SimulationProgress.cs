using System.Diagnostics;
using System.Globalization;

namespace OpenDvc.Ledger.Simulation;

/// <summary>
/// Progress of a long write: a redrawn bar with records/s and ETA on a terminal, plain lines (at most one
/// every 5 seconds) when the output is redirected to a file or a pipe.
/// </summary>
internal sealed class SimulationProgress(long total, TextWriter output)
{
    private const int BarWidth = 30;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly bool terminal = !Console.IsErrorRedirected;
    private TimeSpan lastLine = TimeSpan.Zero;

    public TimeSpan Elapsed => clock.Elapsed;

    public void Report(long done)
    {
        var elapsed = clock.Elapsed;
        if (!terminal && elapsed - lastLine < TimeSpan.FromSeconds(5))
        {
            return;
        }

        lastLine = elapsed;
        var rate = done / Math.Max(elapsed.TotalSeconds, 0.001);
        var fraction = total == 0 ? 1 : (double)done / total;
        var eta = rate > 0 ? TimeSpan.FromSeconds((total - done) / rate) : TimeSpan.Zero;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{fraction,6:P1} {done:N0}/{total:N0} records, {rate:N0}/s, ETA {eta:hh\\:mm\\:ss}");
        if (terminal)
        {
            var filled = (int)(fraction * BarWidth);
            output.Write($"\r[{new string('#', filled)}{new string(' ', BarWidth - filled)}] {text}   ");
        }
        else
        {
            output.WriteLine(text);
        }
    }

    public void Done()
    {
        if (terminal)
        {
            output.WriteLine();
        }
    }
}
