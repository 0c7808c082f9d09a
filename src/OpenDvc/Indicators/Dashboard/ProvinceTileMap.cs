using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;
using OpenDvc.Registry;

namespace OpenDvc.Indicators.Dashboard;

/// <summary>A province's square on the tile-grid map: its row and column (north at the top) and its short label.</summary>
public sealed record ProvinceTile(string Code, int Row, int Column, string Label);

/// <summary>A tile as drawn: the province, its name, its share on the colour scale (0–1, null: no data), what it reads, and its page.</summary>
public sealed record MapTile(ProvinceTile Tile, string Name, decimal? Share, string Text, string Href);

/// <summary>
/// The tile-grid map of provinces (issue 17), as data journalists draw them: one square per province placed roughly
/// where it lies, no boundary file and no tile server. The layouts are data (province-tiles.csv, keyed by unit code):
/// the 63 provinces and cities from 2008, the 34 from 1/7/2025.
/// </summary>
public static class ProvinceTileMap
{
    public const int TileSize = 44;
    private const int Gap = 4;

    /// <summary>The layouts, oldest first, each with the day it starts.</summary>
    public static IReadOnlyList<(DateOnly From, IReadOnlyList<ProvinceTile> Tiles)> Layouts { get; } =
        ReferenceData.ReadEmbeddedCsv("OpenDvc.province-tiles.csv")
            .GroupBy(r => DateOnly.ParseExact(r[0], "yyyy-MM-dd", CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, (IReadOnlyList<ProvinceTile>)g.Select(r => new ProvinceTile(r[1], Int(r[2]), Int(r[3]), r[4])).ToList()))
            .ToList();

    /// <summary>The layout of the provinces in force on <paramref name="day"/>.</summary>
    public static IReadOnlyList<ProvinceTile> LayoutOn(DateOnly day) => Layouts.Where(l => l.From <= day).Select(l => l.Tiles).LastOrDefault() ?? Layouts[0].Tiles;

    /// <summary>The colour band of a share: five equal bands of 0–100 % (0 lowest), −1 without data.</summary>
    public static int Band(decimal? share) => share is { } s ? Math.Clamp((int)(s * 5), 0, 4) : -1;

    /// <summary>
    /// The map as SVG at its own pixel size (never scaled down, so its 12 px labels stay 12 px on a phone): each tile
    /// a link to the province's page, named for screen readers with its figure.
    /// </summary>
    public static IHtmlContent Svg(string id, string title, string description, IReadOnlyList<MapTile> tiles)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        var step = TileSize + Gap;
        var width = tiles.Count == 0 ? step : (tiles.Max(t => t.Tile.Column) + 1) * step;
        var height = tiles.Count == 0 ? step : (tiles.Max(t => t.Tile.Row) + 1) * step;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"tile-map\" id=\"{E(id)}\" role=\"group\" aria-labelledby=\"{E(id)}-title {E(id)}-desc\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{E(id)}-title\">{E(title)}</title><desc id=\"{E(id)}-desc\">{E(description)}</desc>");
        foreach (var t in tiles)
        {
            var (x, y) = (t.Tile.Column * step, t.Tile.Row * step);
            var band = Band(t.Share);
            var label = $"{t.Name}: {t.Text}";
            svg.Append(CultureInfo.InvariantCulture, $"<a class=\"tile band-{(band < 0 ? "none" : band.ToString(CultureInfo.InvariantCulture))}\" href=\"{E(t.Href)}\" aria-label=\"{E(label)}\" data-unit=\"{E(t.Tile.Code)}\">");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{TileSize}\" height=\"{TileSize}\" rx=\"3\"><title>{E(label)}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tile-label\" x=\"{x + (TileSize / 2)}\" y=\"{y + (TileSize / 2) + 4}\" text-anchor=\"middle\">{E(t.Tile.Label)}</text></a>");
        }

        return new HtmlString(svg.Append("</svg>").ToString());
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
