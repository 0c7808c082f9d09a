using System.Net;
using System.Text.RegularExpressions;
using OpenDvc.Tests.Ledger;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Indicators;

/// <summary>Public pages of figures are served whole from the output cache to anonymous visitors, never stale, never to staff.</summary>
public sealed partial class PublicPageCacheTests(SqliteApp fixture) : AppTests<SqliteApp>(fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_dashboard_and_the_indicator_api_are_served_from_the_cache_until_a_synced_dossier_changes_their_figures()
    {
        using var visitor = App.Anonymous();
        var first = await visitor.GetAsync("/dashboard?period=2023", Ct);
        var repeated = await visitor.GetAsync("/dashboard?period=2023", Ct);
        var otherQuestion = await visitor.GetAsync("/dashboard?period=2023&audience=Citizens", Ct);
        await visitor.GetAsync("/api/v1/indicators?period=2023", Ct);
        var apiRepeated = await visitor.GetAsync("/api/v1/indicators?period=2023", Ct);
        var before = DossiersSynced(await repeated.Content.ReadAsStringAsync(Ct));

        using var hanoi = await App.ApiKeyClientAsync("01");
        await LedgerFiles.SyncOneAsync(hanoi, LedgerFiles.Prefix() + "1", Ct);
        var afterSync = await visitor.GetAsync("/dashboard?period=2023", Ct);
        var afterSyncAgain = await visitor.GetAsync("/dashboard?period=2023", Ct);
        var apiAfterSync = await visitor.GetAsync("/api/v1/indicators?period=2023", Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.NotNull(repeated.Headers.Age);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await repeated.Content.ReadAsStringAsync(Ct));
        Assert.Null(otherQuestion.Headers.Age);
        Assert.Null(afterSync.Headers.Age);
        Assert.Equal(before + 1, DossiersSynced(await afterSync.Content.ReadAsStringAsync(Ct)));
        Assert.NotNull(afterSyncAgain.Headers.Age);
        Assert.NotNull(apiRepeated.Headers.Age);
        Assert.Null(apiAfterSync.Headers.Age);
    }

    [Fact]
    public async Task Each_language_has_its_own_cached_page_and_the_language_link_sets_it()
    {
        using var vietnamese = App.Anonymous();
        var cookies = new CookieContainer();
        using var english = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = App.BaseAddress };
        await vietnamese.GetAsync("/indicators/methodology", Ct);
        var cachedVietnamese = await vietnamese.GetAsync("/indicators/methodology", Ct);

        var switched = await english.GetAsync("/language?culture=en&returnUrl=%2Findicators%2Fmethodology", Ct);
        var englishPage = await english.GetAsync(switched.Headers.Location!.OriginalString, Ct);
        var englishHtml = await englishPage.Content.ReadAsStringAsync(Ct);
        var offSite = await english.GetAsync("/language?culture=vi&returnUrl=%2F%2Fevil.example%2F", Ct);

        Assert.NotNull(cachedVietnamese.Headers.Age);
        Assert.Contains("<html lang=\"vi\"", await cachedVietnamese.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/indicators/methodology", switched.Headers.Location.OriginalString);
        Assert.Contains(".AspNetCore.Culture", string.Join(';', switched.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\"", englishHtml, StringComparison.Ordinal);
        Assert.Contains("How the indicators are computed", englishHtml, StringComparison.Ordinal);
        Assert.Equal("/", offSite.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Signed_in_staff_are_never_served_from_the_cache()
    {
        using var visitor = App.Anonymous();
        using var admin = await App.SignInAsync("cache-admin", "admin");
        await visitor.GetAsync("/dashboard?period=2022", Ct);
        await visitor.GetAsync("/dashboard?period=2022", Ct);

        var staffPage = await admin.GetAsync("/dashboard?period=2022", Ct);
        var staffAgain = await admin.GetAsync("/dashboard?period=2022", Ct);

        Assert.Null(staffPage.Headers.Age);
        Assert.Null(staffAgain.Headers.Age);
        Assert.Contains("__RequestVerificationToken", await staffAgain.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    /// <summary>The dashboard's "dossiers synced" card, as a number.</summary>
    internal static long DossiersSynced(string html) =>
        long.Parse(DossiersCard().Match(html).Groups[1].Value.Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("<span class=\"figure\">([0-9.]+)</span> Hồ sơ đồng bộ")]
    private static partial Regex DossiersCard();
}
