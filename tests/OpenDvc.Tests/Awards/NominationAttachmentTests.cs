using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts.Users;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Nominations;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Tests.Platform;
using static OpenDvc.Tests.Awards.AwardsData;

namespace OpenDvc.Tests.Awards;

/// <summary>A nomination's attachments: its unit attaches while it is open; reviewers and admins read; other units never.</summary>
public abstract class NominationAttachmentTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] Pdf = "%PDF-1.7\n% thuyết minh\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    private static MultipartFormDataContent Upload(byte[] bytes, string name) => new() { { new ByteArrayContent(bytes), "file", name } };

    [Fact]
    public async Task Focal_point_attaches_while_open_reviewers_and_admins_download_and_other_units_get_403_everywhere()
    {
        const string unit = "25";
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { MinSavedHours = 0 }));
        var procedure = (await FullProcessServicesAsync(App, unit, 1))[0];
        using var owner = await App.SignInAsync("attach-fp-25", Roles.FocalPoint, unit);
        using var other = await App.SignInAsync("attach-fp-26", Roles.FocalPoint, "26");
        using var reviewer = await App.SignInAsync("attach-reviewer", Roles.Reviewer);
        using var admin = await App.SignInAsync("awards-admin", Roles.Admin);
        var nomination = await TestApp.ReadAsync<NominationView>(await owner.PostAsJsonAsync($"/api/v1/awards/campaigns/{campaign}/nominations",
            new NominationInput(unit, procedure, NominationCategory.CitizenServices, "Thuyết minh", null, null, null), Json.Options, Ct));
        var path = $"/api/v1/awards/nominations/{nomination.Id}/attachments";

        var attached = await TestApp.ReadAsync<AttachmentView>(await owner.PostAsync(path, Upload(Pdf, "thuyet-minh.pdf"), Ct));
        var executable = await owner.PostAsync(path, Upload("MZ\u0090\0binary"u8.ToArray(), "thuyet-minh.pdf"), Ct);
        var listed = await TestApp.ReadAsync<List<AttachmentView>>(await owner.GetAsync(path, Ct));
        var byOwner = await owner.GetByteArrayAsync($"{path}/{attached.Id}", Ct);
        var byReviewer = await reviewer.GetAsync($"{path}/{attached.Id}", Ct);
        var byAdmin = await admin.GetAsync($"{path}/{attached.Id}", Ct);

        Assert.Equal("thuyet-minh.pdf", attached.FileName);
        Assert.Equal("application/pdf", attached.ContentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, executable.StatusCode);
        Assert.Contains("OD-FILE-TYPE", await executable.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal([attached.Id], listed.Select(a => a.Id));
        Assert.Equal(Pdf, byOwner);
        Assert.Equal(Pdf, await byReviewer.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(Pdf, await byAdmin.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("application/pdf", byReviewer.Content.Headers.ContentType?.MediaType);

        var refused = new[]
        {
            await other.GetAsync(path, Ct),
            await other.GetAsync($"{path}/{attached.Id}", Ct),
            await other.PostAsync(path, Upload(Pdf, "gia-mao.pdf"), Ct),
            await other.DeleteAsync($"{path}/{attached.Id}", Ct),
            await reviewer.PostAsync(path, Upload(Pdf, "nguoi-cham.pdf"), Ct),
        };
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"{path}/{attached.Id + 100_000}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/v1/awards/nominations/{nomination.Id + 100_000}/attachments", Ct)).StatusCode);
        Assert.Equal([attached.Id], (await TestApp.ReadAsync<List<AttachmentView>>(await admin.GetAsync(path, Ct))).Select(a => a.Id));

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
            Assert.True(await db.Set<AuditEntry>().AnyAsync(e => e.EntityType == nameof(NominationAttachment) && e.Action == "create" && e.UnitCode == unit && e.After!.Contains("thuyet-minh.pdf"), Ct));
        }

        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsync($"/api/v1/awards/nominations/{nomination.Id}/withdraw", null, Ct)).StatusCode);
        var afterWithdrawal = await owner.PostAsync(path, Upload(Pdf, "muon.pdf"), Ct);

        Assert.Equal(HttpStatusCode.Conflict, afterWithdrawal.StatusCode);
        Assert.Contains("OD-AWARD-NOMINATION-CLOSED", await afterWithdrawal.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_the_configured_limit_is_refused_with_its_code()
    {
        const string unit = "27";
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { MinSavedHours = 0 }));
        var procedure = (await FullProcessServicesAsync(App, unit, 1))[0];
        using var owner = await App.SignInAsync("attach-fp-27", Roles.FocalPoint, unit);
        var nomination = await TestApp.ReadAsync<NominationView>(await owner.PostAsJsonAsync($"/api/v1/awards/campaigns/{campaign}/nominations",
            new NominationInput(unit, procedure, NominationCategory.CitizenServices, null, null, null, null), Json.Options, Ct));
        var limit = App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OpenDvc.Awards.AwardsOptions>>().Value.MaxAttachmentBytes;
        var tooLarge = new byte[limit + 1];
        Pdf.CopyTo(tooLarge, 0);

        var response = await owner.PostAsync($"/api/v1/awards/nominations/{nomination.Id}/attachments", Upload(tooLarge, "lon.pdf"), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("OD-FILE-TOO-LARGE", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}

public sealed class NominationAttachmentTestsOnSqlite(SqliteApp fixture) : NominationAttachmentTests<SqliteApp>(fixture);

public sealed class NominationAttachmentTestsOnPostgres(PostgresApp fixture) : NominationAttachmentTests<PostgresApp>(fixture);
