using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts.Users;
using OpenDvc.Indicators.Editions;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Indicators;

/// <summary>
/// Issue 4, editions on public pages: the dashboard's rankings show the latest published edition (with a selector),
/// fall back to live figures labelled as such when none matches, and only signed-in users may switch to live figures;
/// an admin publishes from /admin/editions (anti-forgery form, audited).
/// </summary>
public abstract partial class EditionPagesTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("id=\"edition-status\"[^>]*data-edition=\"([^\"]+)\"")]
    private static partial Regex EditionStatus();

    private static string Shown(string page) => EditionStatus().Match(page) is { Success: true } m ? m.Groups[1].Value : "(no status)";

    [Fact]
    public async Task Dashboard_shows_live_figures_labelled_until_an_admin_publishes_then_the_edition()
    {
        await IndicatorData.EnsureAsync(App);
        using var anonymous = App.Anonymous();
        using var admin = await App.SignInAsync("edition-pages-admin", Roles.Admin);
        using var focal = await App.SignInAsync("edition-pages-focal", Roles.FocalPoint, "01");
        var before = await anonymous.GetStringAsync("/dashboard", Ct);

        using var posted = await TestApp.PostFormAsync(admin, "/admin/editions", new() { ["Period"] = "2023-Q1", ["Audience"] = "Both" });
        using var refused = await focal.GetAsync("/admin/editions", Ct);
        var list = await admin.GetStringAsync("/admin/editions", Ct);
        int id;
        string period, rows;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
            var edition = await db.Set<RankingEdition>().OrderByDescending(e => e.Id).FirstAsync(Ct);
            (id, period, rows) = (edition.Id, edition.Period, edition.Rows);
            Assert.True(await db.Set<AuditEntry>().AnyAsync(a => a.EntityType.Contains("RankingEdition") && a.Actor == "edition-pages-admin", Ct));
        }

        var published = await anonymous.GetStringAsync("/dashboard", Ct);
        var anonymousLive = await anonymous.GetStringAsync("/dashboard?live=true", Ct);
        var staffLive = await admin.GetStringAsync("/dashboard?live=true", Ct);
        var otherPeriod = await anonymous.GetStringAsync("/dashboard?period=2022", Ct);
        var csv = await anonymous.GetStringAsync($"/api/v1/indicators/editions/{id}/export?format=csv&headers=codes", Ct);

        Assert.Equal("live", Shown(before));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"data-edition=\"{id}\"", list, StringComparison.Ordinal);
        Assert.Equal("2023-Q1", period);
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), Shown(published));
        Assert.Contains($"<option value=\"{id}\" selected=\"selected\">", published, StringComparison.Ordinal);
        Assert.Contains($"<table class=\"ranking\" data-group=\"Provinces\" data-edition=\"{id}\">", published, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"show-live\"", published, StringComparison.Ordinal);
        Assert.Equal(Shown(published), Shown(anonymousLive));
        Assert.Equal("live", Shown(staffLive));
        Assert.Contains("id=\"show-published\"", staffLive, StringComparison.Ordinal);
        Assert.Equal("live", Shown(otherPeriod));
        var editionRows = System.Text.Json.JsonDocument.Parse(rows).RootElement.GetArrayLength();
        Assert.Equal(editionRows + 1, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}

public sealed class EditionPagesTestsOnSqlite(SqliteApp fixture) : EditionPagesTests<SqliteApp>(fixture);

public sealed class EditionPagesTestsOnPostgres(PostgresApp fixture) : EditionPagesTests<PostgresApp>(fixture);
