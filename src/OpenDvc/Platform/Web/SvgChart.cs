using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace OpenDvc.Platform.Web;

/// <summary>One line (or set of bars) of a chart: its name and a value per label; null is a gap ("no data").</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>How a chart's axis reads its values.</summary>
public enum ChartScale
{
    /// <summary>Ratios 0–1 shown as percentages on a 0–100 % axis.</summary>
    Percent = 1,

    /// <summary>Counts or amounts on an axis from 0 to the largest value.</summary>
    Count = 2,
}

/// <summary>
/// Server-rendered SVG charts: no script, nothing to download, readable by screen readers (role="img" with a
/// &lt;title&gt; and a &lt;desc&gt; that states the figures). Colours come from site.css classes, so the content
/// security policy needs no inline style. Charts keep their pixel size (width and height in px, site.css scrolls them
/// inside their box on a narrow screen): scaled down to a phone, 11 px labels would read as 6 px (issue 17).
/// </summary>
public static class SvgChart
{
    private const int Width = 640;
    private const int Height = 240;
    private const int Left = 64;

    /// <summary>Room for half of the last month's label ("T12/2023") right of its point.</summary>
    private const int Right = 32;

    /// <summary>The width of a character of an 11 px label, generously: labels are spaced and margins sized by it.</summary>
    private const double CharWidth = 7;
    private const int Top = 16;
    private const int Bottom = 40;

    /// <summary>A line chart of one or more series over the labels, with an optional dashed target line.</summary>
    public static IHtmlContent Line(string id, string title, string description, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, ChartScale scale, double? target = null, string? targetLabel = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(series);
        var max = AxisMax(series, scale, target);
        var svg = Open(id, title, description);
        Axes(svg, max, scale);
        var step = labels.Count > 1 ? (Width - Left - Right) / (double)(labels.Count - 1) : 0;
        XLabels(svg, labels, i => Left + (i * step));
        if (target is { } t)
        {
            TargetLine(svg, t, max, targetLabel);
        }

        for (var s = 0; s < series.Count; s++)
        {
            var points = new StringBuilder();
            for (var i = 0; i < labels.Count && i < series[s].Values.Count; i++)
            {
                if (series[s].Values[i] is not { } value)
                {
                    // A gap: the line stops at "no data" and starts again after it.
                    Flush(svg, points, s);
                    continue;
                }

                var x = Left + (i * step);
                var y = Y(value, max);
                points.Append(Num(x)).Append(',').Append(Num(y)).Append(' ');
                svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"chart-s{s % 4}\" cx=\"{Num(x)}\" cy=\"{Num(y)}\" r=\"3\"><title>{Encode(series[s].Name)} {Encode(labels[i])}: {Encode(Format(value, scale))}</title></circle>");
            }

            Flush(svg, points, s);
        }

        Legend(svg, series.Select(s => s.Name).ToList());
        return Close(svg);
    }

    /// <summary>A bar chart: one bar per label (first series), with an optional dashed target line.</summary>
    public static IHtmlContent Bars(string id, string title, string description, IReadOnlyList<string> labels, ChartSeries series, ChartScale scale, double? target = null, string? targetLabel = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(series);
        var max = AxisMax([series], scale, target);
        var svg = Open(id, title, description);
        Axes(svg, max, scale);
        var slot = (Width - Left - Right) / (double)Math.Max(1, labels.Count);
        for (var i = 0; i < labels.Count && i < series.Values.Count; i++)
        {
            if (series.Values[i] is not { } value)
            {
                continue;
            }

            var y = Y(value, max);
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-bar\" x=\"{Num(Left + (i * slot) + (slot * 0.15))}\" y=\"{Num(y)}\" width=\"{Num(slot * 0.7)}\" height=\"{Num(Height - Bottom - y)}\"><title>{Encode(labels[i])}: {Encode(Format(value, scale))}</title></rect>");
        }

        XLabels(svg, labels, i => Left + (i * slot) + (slot / 2));
        if (target is { } t)
        {
            TargetLine(svg, t, max, targetLabel);
        }

        return Close(svg);
    }

    /// <summary>A value as the axis shows it: 42.5 % or 1,234.</summary>
    public static string Format(double value, ChartScale scale) => scale == ChartScale.Percent
        ? (value * 100).ToString("0.0", CultureInfo.CurrentCulture) + " %"
        : value.ToString("N0", CultureInfo.CurrentCulture);

    private static StringBuilder Open(string id, string title, string description, int width = Width, int height = Height)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" id=\"{Encode(id)}\" role=\"img\" aria-labelledby=\"{Encode(id)}-title {Encode(id)}-desc\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{Encode(id)}-title\">{Encode(title)}</title><desc id=\"{Encode(id)}-desc\">{Encode(description)}</desc>");
        return svg;
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    /// <summary>The top of a chart's value axis: 100 % for ratios, a round number above the largest value otherwise.</summary>
    public static double AxisMax(IEnumerable<ChartSeries> series, ChartScale scale, double? target)
    {
        if (scale == ChartScale.Percent)
        {
            return 1;
        }

        var max = series.SelectMany(s => s.Values).Where(v => v is not null).Select(v => v!.Value).Append(target ?? 0).DefaultIfEmpty(0).Max();
        return Ticks * NiceStep(max / Ticks);
    }

    private const int Ticks = 4;

    /// <summary>A whole step of 1, 2 or 5 × 10ⁿ at least <paramref name="value"/>: counts of dossiers have no fractional ticks.</summary>
    private static double NiceStep(double value)
    {
        var magnitude = value <= 1 ? 1 : Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var factor in new[] { 1, 2, 5 })
        {
            if (factor * magnitude >= value)
            {
                return factor * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static double Y(double value, double max) => Height - Bottom - (Math.Clamp(value / max, 0, 1) * (Height - Top - Bottom));

    private static void Axes(StringBuilder svg, double max, ChartScale scale)
    {
        for (var tick = 0; tick <= Ticks; tick++)
        {
            var value = max * tick / Ticks;
            var y = Y(value, max);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Num(y)}\" y2=\"{Num(y)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-tick\" x=\"{Left - 6}\" y=\"{Num(y + 4)}\" text-anchor=\"end\">{Encode(TickLabel(value, scale))}</text>");
        }
    }

    private static void XLabels(StringBuilder svg, IReadOnlyList<string> labels, Func<int, double> x)
    {
        // As many labels as fit side by side without touching; the rest are in each point's tooltip and in the description.
        var room = labels.Count == 0 ? 1 : (labels.Max(l => l.Length) * CharWidth) + 8;
        var every = Math.Max(1, (int)Math.Ceiling(room * labels.Count / (Width - Left - Right)));
        for (var i = 0; i < labels.Count; i += every)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-tick\" x=\"{Num(x(i))}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{Encode(labels[i])}</text>");
        }
    }

    private static void TargetLine(StringBuilder svg, double target, double max, string? label)
    {
        var y = Y(target, max);
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-target\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Num(y)}\" y2=\"{Num(y)}\"/>");
        if (label is not null)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-target-label\" x=\"{Width - Right}\" y=\"{Num(y - 4)}\" text-anchor=\"end\">{Encode(label)}</text>");
        }
    }

    private static void Flush(StringBuilder svg, StringBuilder points, int series)
    {
        if (points.Length > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"chart-line chart-s{series % 4}\" points=\"{points.ToString().TrimEnd()}\"/>");
            points.Clear();
        }
    }

    private static void Legend(StringBuilder svg, List<string> names)
    {
        if (names.Count < 2)
        {
            return;
        }

        for (var i = 0; i < names.Count; i++)
        {
            var x = Left + (i * 180);
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-s{i % 4} chart-key\" x=\"{x}\" y=\"{Height - 14}\" width=\"12\" height=\"4\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-tick\" x=\"{x + 16}\" y=\"{Height - 9}\">{Encode(names[i])}</text>");
        }
    }

    /// <summary>An axis tick as printed, in the reader's number format: "40 %" on a ratio axis, "1.300" (Vietnamese) on a count axis.</summary>
    public static string TickLabel(double value, ChartScale scale) => scale == ChartScale.Percent
        ? (value * 100).ToString("0", CultureInfo.CurrentCulture) + " %"
        : value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>One bar of a horizontal bar chart: its label, its value on the axis, and the value as written beside it.</summary>
    public sealed record Bar(string Label, double Value, string Text);

    /// <summary>
    /// A horizontal bar chart, one row per bar in the order given (a ranking): labels left, the value written after
    /// each bar; the label column is as wide as the longest label, so none is cut off.
    /// </summary>
    public static IHtmlContent HorizontalBars(string id, string title, string description, IReadOnlyList<Bar> bars, double max)
    {
        ArgumentNullException.ThrowIfNull(bars);
        const int row = 20, plot = 180, valueRoom = 48;
        var left = (int)((bars.Select(b => b.Label.Length).DefaultIfEmpty(4).Max() * CharWidth) + 8);
        var (width, height) = (left + plot + valueRoom, Math.Max(1, bars.Count) * row);
        var svg = Open(id, title, description, width, height);
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var length = max <= 0 ? 0 : Math.Clamp(b.Value / max, 0, 1) * plot;
            var y = i * row;
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-tick\" x=\"{left - 6}\" y=\"{y + 14}\" text-anchor=\"end\">{Encode(b.Label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-bar\" x=\"{left}\" y=\"{y + 3}\" width=\"{Num(length)}\" height=\"{row - 6}\"><title>{Encode(b.Label)}: {Encode(b.Text)}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-tick\" x=\"{Num(left + length + 4)}\" y=\"{y + 14}\">{Encode(b.Text)}</text>");
        }

        return Close(svg);
    }

    private static string Num(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
