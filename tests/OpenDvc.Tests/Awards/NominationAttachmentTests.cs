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

    /// <summary>A new campaign and the unit's nomination of one of its full-process services, by its signed-in focal point.</summary>
    private async Task<(NominationView Nomination, HttpClient Owner)> NominateAsync(string unit, string? narrative = null)
    {
        var campaign = await CreateCampaignAsync(App, Campaign(c => c with { MinSavedHours = 0, MinRemoteDossiers = 0 }));
        var procedure = (await FullProcessServicesAsync(App, unit, 1))[0];
        var owner = await App.SignInAsync($"attach-fp-{unit}", Roles.FocalPoint, unit);
        var nomination = await TestApp.ReadAsync<NominationView>(await owner.PostAsJsonAsync($"/api/v1/awards/campaigns/{campaign}/nominations",
            new NominationInput(unit, procedure, NominationCategory.CitizenServices, narrative, null, null, null), Json.Options, Ct));
        return (nomination, owner);
    }

    [Fact]
    public async Task Focal_point_attaches_while_open_reviewers_and_admins_download_and_other_units_get_403_everywhere()
    {
        const string unit = "25";
        var (nomination, owner) = await NominateAsync(unit, "Thuyết minh");
        using var ownerClient = owner;
        using var other = await App.SignInAsync("attach-fp-26", Roles.FocalPoint, "26");
        using var reviewer = await App.SignInAsync("attach-reviewer", Roles.Reviewer);
        using var admin = await App.SignInAsync("awards-admin", Roles.Admin);
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
    public async Task Focal_point_removes_a_file_from_the_nomination_page_and_other_units_cannot()
    {
        const string unit = "30";
        var (nomination, owner) = await NominateAsync(unit);
        using var ownerClient = owner;
        using var other = await App.SignInAsync("attach-fp-31", Roles.FocalPoint, "31");
        using var reviewer = await App.SignInAsync("attach-reviewer", Roles.Reviewer);
        var page = $"/awards/nominations/{nomination.Id}";
        var path = $"/api/v1/awards/nominations/{nomination.Id}/attachments";
        var kept = await TestApp.ReadAsync<AttachmentView>(await owner.PostAsync(path, Upload(Pdf, "giu-lai.pdf"), Ct));
        var wrong = await TestApp.ReadAsync<AttachmentView>(await owner.PostAsync(path, Upload(Pdf, "nham-tep.pdf"), Ct));
        var remove = new Func<AttachmentView, Dictionary<string, string>>(a => new() { ["attachment"] = a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var ownersPage = await owner.GetStringAsync(page, Ct);
        var reviewersPage = await reviewer.GetStringAsync(page, Ct);
        var byOther = await TestApp.PostFormAsync(other, $"{page}?handler=RemoveAttachment", remove(wrong), formPage: "/");
        var byOwner = await TestApp.PostFormAsync(owner, $"{page}?handler=RemoveAttachment", remove(wrong), formPage: page);
        var again = await TestApp.PostFormAsync(owner, $"{page}?handler=RemoveAttachment", remove(wrong), formPage: page);
        var left = await TestApp.ReadAsync<List<AttachmentView>>(await owner.GetAsync(path, Ct));

        Assert.Contains("handler=RemoveAttachment", ownersPage, StringComparison.Ordinal);
        Assert.Contains("Gỡ bỏ tệp nham-tep.pdf", ownersPage, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=RemoveAttachment", reviewersPage, StringComparison.Ordinal);
        Assert.Equal("/account/denied", TestApp.PathOf(byOther.Headers.Location));
        Assert.Equal(HttpStatusCode.Redirect, byOwner.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("OD-AWARD-ATTACHMENT-NOT-FOUND", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal([kept.Id], left.Select(a => a.Id));
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        Assert.True(await db.Set<AuditEntry>().AnyAsync(e => e.EntityType == nameof(NominationAttachment) && e.Action == "delete" && e.UnitCode == unit && e.Before!.Contains("nham-tep.pdf"), Ct));
    }

    [Fact]
    public async Task Issue_14_a_file_is_named_by_its_content_and_bidirectional_controls_are_stripped_from_its_name()
    {
        var (nomination, owner) = await NominateAsync("25");
        using var ownerClient = owner;
        var path = $"/api/v1/awards/nominations/{nomination.Id}/attachments";
        var docx = Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"));
        var xlsx = Zip(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>"));
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 };

        var invoice = await TestApp.ReadAsync<AttachmentView>(await owner.PostAsync(path, Upload(Pdf, "invoice.exe"), Ct));
        var reversed = await TestApp.ReadAsync<AttachmentView>(await owner.PostAsync(path, Upload(Pdf, "bao-cao\u202Efdp.exe"), Ct));
        var marks = await TestApp.ReadAsync<AttachmentView>(await owner.PostAsync(path, Upload(Pdf, "\u200Eke\u200F-\u202Aho\u202B\u202C\u202D\u2066ach\u2067\u2068\u2069.pdf"), Ct));
        var word = await TestApp.ReadAsync<AttachmentView>(await owner.PostAsync(path, Upload(docx, "thuyet-minh.pdf"), Ct));
        var sheet = await TestApp.ReadAsync<AttachmentView>(await owner.PostAsync(path, Upload(xlsx, "so-lieu"), Ct));
        var image = await TestApp.ReadAsync<AttachmentView>(await owner.PostAsync(path, Upload(png, "anh.jpg"), Ct));
        var notOffice = await owner.PostAsync(path, Upload([0x50, 0x4B, 0x03, 0x04, 1, 2, 3], "hong.docx"), Ct);
        var download = await owner.GetAsync($"{path}/{invoice.Id}", Ct);
        var reversedDownload = await owner.GetAsync($"{path}/{reversed.Id}", Ct);

        Assert.Equal(("invoice.pdf", "application/pdf"), (invoice.FileName, invoice.ContentType));
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("invoice.pdf", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("bao-caofdp.pdf", reversed.FileName);
        Assert.DoesNotContain("\u202E", Uri.UnescapeDataString(reversedDownload.Content.Headers.GetValues("Content-Disposition").Single()), StringComparison.Ordinal);
        Assert.Equal("ke-hoach.pdf", marks.FileName);
        Assert.Equal(("thuyet-minh.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), (word.FileName, word.ContentType));
        Assert.Equal(("so-lieu.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (sheet.FileName, sheet.ContentType));
        Assert.Equal(("anh.png", "image/png"), (image.FileName, image.ContentType));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notOffice.StatusCode);
        Assert.Contains("OD-FILE-TYPE", await notOffice.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_14_withdraw_refused_on_the_nomination_page_answers_403_like_its_other_handlers()
    {
        var (nomination, owner) = await NominateAsync("30");
        using var ownerClient = owner;
        using var reviewer = await App.SignInAsync("attach-reviewer", Roles.Reviewer);
        var page = $"/awards/nominations/{nomination.Id}";

        var refused = await TestApp.PostFormAsync(reviewer, $"{page}?handler=Withdraw", [], formPage: page);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("OD-FORBIDDEN", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(NominationStatus.Submitted, (await TestApp.ReadAsync<NominationView>(await owner.GetAsync($"/api/v1/awards/nominations/{nomination.Id}", Ct))).Status);
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(memory, System.IO.Compression.ZipArchiveMode.Create))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }
        }

        return memory.ToArray();
    }

    [Fact]
    public async Task A_file_over_the_configured_limit_is_refused_with_its_code()
    {
        var (nomination, owner) = await NominateAsync("27");
        using var ownerClient = owner;
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
