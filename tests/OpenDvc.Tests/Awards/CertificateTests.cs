using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using OpenDvc.Accounts.Users;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Nominations;
using OpenDvc.Awards.Results;
using OpenDvc.Tests.Platform;
using static OpenDvc.Tests.Awards.AwardsData;

namespace OpenDvc.Tests.Awards;

/// <summary>A certificate PDF for each published winner, read back with PdfPig; nothing for anything else.</summary>
public abstract class CertificateTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_published_winner_gets_a_certificate_and_an_unselected_or_unpublished_nomination_gets_404()
    {
        const string unit = "36";
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { MinSavedHours = 0, MinRemoteDossiers = 0 }));
        using var admin = await App.SignInAsync("awards-admin", Roles.Admin);
        using var anonymous = App.Anonymous();
        var procedures = await FullProcessServicesAsync(App, unit, 2);
        async Task<NominationView> NominateAsync(string procedure) => await TestApp.ReadAsync<NominationView>(await admin.PostAsync(
            $"/api/v1/awards/campaigns/{campaign}/nominations",
            JsonContent.Create(new NominationInput(unit, procedure, NominationCategory.CitizenServices, null, null, null, null), options: Json.Options), Ct));
        var winner = await NominateAsync(procedures[0]);
        var other = await NominateAsync(procedures[1]);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/awards/nominations/{winner.Id}/decision", new DecisionInput(true, true), Json.Options, Ct)).StatusCode);

        var beforePublishing = await anonymous.GetAsync($"/api/v1/awards/results/certificates/{winner.Id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/awards/campaigns/{campaign}/publish", null, Ct)).StatusCode);
        var certificate = await anonymous.GetAsync($"/api/v1/awards/results/certificates/{winner.Id}", Ct);
        var notSelected = await anonymous.GetAsync($"/api/v1/awards/results/certificates/{other.Id}", Ct);
        var results = await TestApp.ReadAsync<List<PublishedResults>>(await anonymous.GetAsync("/api/v1/awards/results", Ct));
        var winnersPage = await anonymous.GetStringAsync("/awards/winners", Ct);

        Assert.Equal(HttpStatusCode.NotFound, beforePublishing.StatusCode);
        Assert.Contains("OD-AWARD-CERTIFICATE-UNKNOWN", await beforePublishing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, notSelected.StatusCode);
        Assert.Contains("OD-AWARD-CERTIFICATE-UNKNOWN", await notSelected.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, certificate.StatusCode);
        Assert.Equal("application/pdf", certificate.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"/api/v1/awards/results/certificates/{winner.Id}", winnersPage, StringComparison.Ordinal);
        Assert.DoesNotContain($"/api/v1/awards/results/certificates/{other.Id}\"", winnersPage, StringComparison.Ordinal);

        var published = results.Single(r => r.CampaignId == campaign);
        var pages = PdfText.Pages(await certificate.Content.ReadAsByteArrayAsync(Ct));
        var text = Assert.Single(pages);
        var day = published.AnnouncementDate;
        Assert.Contains("GIẤY CHỨNG NHẬN", text, StringComparison.Ordinal);
        Assert.Contains(published.Name, text, StringComparison.Ordinal);
        Assert.Contains(winner.ProcedureCode, text, StringComparison.Ordinal);
        Assert.Contains(Certificate.CategoryName(NominationCategory.CitizenServices, vietnamese: true), text, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"ngày {day.Day:00} tháng {day.Month:00} năm {day.Year}"), text, StringComparison.Ordinal);
        Assert.Contains("TM. BAN TỔ CHỨC", text, StringComparison.Ordinal);
    }
}

public sealed class CertificateTestsOnSqlite(SqliteApp fixture) : CertificateTests<SqliteApp>(fixture);

public sealed class CertificateTestsOnPostgres(PostgresApp fixture) : CertificateTests<PostgresApp>(fixture);
