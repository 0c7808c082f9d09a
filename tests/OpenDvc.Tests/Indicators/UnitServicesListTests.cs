using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Indicators;

/// <summary>Issue 17, long pages tamed: a unit's services on its indicator page come 25 at a time, most dossiers first, with a search.</summary>
public abstract partial class UnitServicesListTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_units_services_come_a_page_at_a_time_and_a_search_without_accents_finds_one()
    {
        await IndicatorData.EnsureAsync(App);
        using var client = App.Anonymous();

        var first = await client.GetStringAsync("/indicators/units/79?period=2023", Ct);
        var second = await client.GetStringAsync("/indicators/units/79?period=2023&servicesPage=2", Ct);
        var name = Names(second)[0];
        var typed = Plain(name).ToUpperInvariant();
        var found = await client.GetStringAsync($"/indicators/units/79?period=2023&q={Uri.EscapeDataString(typed)}", Ct);

        var all = Matching(first);
        Assert.True(all > 25, $"{all} services");
        Assert.Equal(25, Names(first).Count);
        Assert.NotEmpty(Names(second));
        Assert.Empty(Names(first).Intersect(Names(second)));
        Assert.Contains("rel=\"next\"", first, StringComparison.Ordinal);
        Assert.Contains(name, Names(found));
        Assert.InRange(Matching(found), 1, all - 1);
        Assert.All(Names(found), n => Assert.All(typed.Split(' ', StringSplitOptions.RemoveEmptyEntries), w => Assert.Contains(w, Plain(n), StringComparison.OrdinalIgnoreCase)));
    }

    private static List<string> Names(string html) =>
        ServiceRow().Matches(html.Split("<table class=\"services\">")[1].Split("</tbody>")[0]).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    private static int Matching(string html) => int.Parse(MatchingCount().Match(html).Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>Vietnamese without its accents, as someone types on a keyboard without them: "hộ tịch" → "ho tich".</summary>
    private static string Plain(string text) =>
        new string(text.Normalize(NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray())
            .Replace('đ', 'd').Replace('Đ', 'D');

    [GeneratedRegex("<th scope=\"row\">(.*?)</th>", RegexOptions.Singleline)]
    private static partial Regex ServiceRow();

    [GeneratedRegex("data-matching=\"(\\d+)\"")]
    private static partial Regex MatchingCount();
}

public sealed class UnitServicesListTestsOnSqlite(SqliteApp fixture) : UnitServicesListTests<SqliteApp>(fixture);

public sealed class UnitServicesListTestsOnPostgres(PostgresApp fixture) : UnitServicesListTests<PostgresApp>(fixture);
