using System.Globalization;

namespace OpenDvc.Ledger.Ingest;

/// <summary>
/// Shows an ingest's progress: on a terminal, a bar redrawn in place with records/s and the time left (from the
/// share of the file's bytes read); when the output is redirected (logs, CI), a plain line every few seconds.
/// </summary>
public sealed class IngestProgress(string name, Func<(long Done, long Total)> position, TimeProvider time, TextWriter output, bool interactive)
{
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(5);
    private readonly long started = time.GetTimestamp();
    private TimeSpan? lastPrinted;

    public void Report(IngestSummary summary)
    {
        var elapsed = time.GetElapsedTime(started);
        if (!interactive && lastPrinted is { } last && elapsed - last < PlainEvery)
        {
            return;
        }

        lastPrinted = elapsed;
        var (done, total) = position();
        var share = total > 0 ? Math.Clamp((double)done / total, 0, 1) : 0;
        var rate = elapsed.TotalSeconds > 0 ? summary.Read / elapsed.TotalSeconds : 0;
        var left = share > 0 ? TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - share) / share) : (TimeSpan?)null;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{share,4:P0}  {summary.Read,12:N0} records  {rate,9:N0}/s  ETA {(left is { } l ? l.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "--:--:--")}");
        if (interactive)
        {
            const int width = 24;
            var filled = (int)(share * width);
            output.Write($"\r{name} [{new string('#', filled)}{new string('.', width - filled)}] {text}");
        }
        else
        {
            output.WriteLine($"{name}: {text}");
        }
    }

    /// <summary>Ends the bar's line so the summary starts on its own.</summary>
    public void Finish()
    {
        if (interactive)
        {
            output.WriteLine();
        }
    }
}
