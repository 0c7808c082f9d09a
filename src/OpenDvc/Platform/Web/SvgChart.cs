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
/// security policy needs no inline style.
/// </summary>
public static class SvgChart
{
    private const int Width = 640;
    private const int Height = 240;
    private const int Left = 56;
    private const int Right = 16;
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

    private static StringBuilder Open(string id, string title, string description)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" id=\"{Encode(id)}\" role=\"img\" aria-labelledby=\"{Encode(id)}-title {Encode(id)}-desc\" viewBox=\"0 0 {Width} {Height}\" xmlns=\"http://www.w3.org/2000/svg\">");
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
        return max <= 0 ? 1 : NiceCeiling(max);
    }

    private static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var factor in new[] { 1, 2, 2.5, 5, 10 })
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
        for (var tick = 0; tick <= 4; tick++)
        {
            var value = max * tick / 4;
            var y = Y(value, max);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Num(y)}\" y2=\"{Num(y)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-tick\" x=\"{Left - 6}\" y=\"{Num(y + 4)}\" text-anchor=\"end\">{Encode(TickLabel(value, scale))}</text>");
        }
    }

    private static void XLabels(StringBuilder svg, IReadOnlyList<string> labels, Func<int, double> x)
    {
        // At most about twelve labels fit; the rest are in each point's tooltip and in the description.
        var every = Math.Max(1, (int)Math.Ceiling(labels.Count / 12.0));
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

    /// <summary>An axis tick as printed: "40 %" on a ratio axis, "1.2M" or "350k" on a count axis.</summary>
    public static string TickLabel(double value, ChartScale scale) => scale == ChartScale.Percent
        ? (value * 100).ToString("0", CultureInfo.InvariantCulture) + " %"
        : Short(value);

    private static string Short(double value) => value switch
    {
        >= 1e9 => (value / 1e9).ToString("0.#", CultureInfo.InvariantCulture) + "G",
        >= 1e6 => (value / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 1e3 => (value / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString("0.#", CultureInfo.InvariantCulture),
    };

    private static string Num(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
