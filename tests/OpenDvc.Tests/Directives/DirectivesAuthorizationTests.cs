using System.Net;
using OpenDvc.Accounts.Users;
using OpenDvc.Directives.Letters;
using OpenDvc.Directives.Submissions;
using OpenDvc.Tests.Accounts;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Directives;

/// <summary>
/// Who may do what with directives and submissions, checked from outside on every directives endpoint: a focal
/// point never reads or changes another unit's submission; only admins review and write directives; the public
/// sees published directives and nothing of drafts or submissions.
/// </summary>
public abstract class DirectivesAuthorizationTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every endpoint (API and page) whose route carries a unit, under the directives' paths.</summary>
    private List<EndpointAuthorizationTests.EndpointUnderTest> UnitScoped =>
        EndpointAuthorizationTests.Endpoints(App)
            .Where(e => e.HasUnit && (e.Template.StartsWith("/api/v1/deliverables", StringComparison.Ordinal)
                || e.Template == "/api/v1/units/{unit}/deliverables" || e.Template.StartsWith("/submissions", StringComparison.Ordinal)
                || e.Template.StartsWith("/deliverables", StringComparison.Ordinal)))
            .ToList();

    [Fact]
    public async Task A_focal_point_is_refused_on_another_units_submission_at_every_endpoint()
    {
        using var focal = await UnitScopeAssertions.FocalPointAsync(App);
        var failures = new List<string>();

        foreach (var endpoint in UnitScoped)
        {
            var response = endpoint.ContentType.StartsWith("multipart/", StringComparison.Ordinal)
                ? await focal.SendAsync(new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path)
                {
                    Content = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4\n"u8.ToArray()), "file", "x.pdf" } },
                }, Ct)
                : await UnitScopeAssertions.SendAsync(focal, new HttpMethod(endpoint.Method), endpoint.Path, endpoint.Method == "GET" ? null : "{}", endpoint.ContentType);
            if (!UnitScopeAssertions.IsForbidden(response))
            {
                failures.Add($"{endpoint.Method} {endpoint.Template}: {(int)response.StatusCode}");
            }
        }

        Assert.True(UnitScoped.Count >= 12, $"{UnitScoped.Count} unit-scoped directives endpoints");
        Assert.True(failures.Count == 0, "A focal point of 01 reached unit 79's submission:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task A_focal_point_reads_and_drafts_its_own_units_submission()
    {
        await UnitScopeAssertions.ConfinesFocalPointToOwnUnitAsync(App, HttpMethod.Get, "/api/v1/deliverables/{deliverable}/units/{unit}/submission");
        await UnitScopeAssertions.ConfinesFocalPointToOwnUnitAsync(App, HttpMethod.Get, "/api/v1/units/{unit}/deliverables");
        await UnitScopeAssertions.ConfinesFocalPointToOwnUnitAsync(App, HttpMethod.Get, "/submissions/{deliverable}/{unit}");
        await UnitScopeAssertions.ConfinesFocalPointToOwnUnitAsync(App, HttpMethod.Get, "/deliverables/{unit}");
    }

    [Fact]
    public async Task Only_admins_review_grant_extensions_and_write_directives()
    {
        using var focal = await UnitScopeAssertions.FocalPointAsync(App);
        using var reviewer = await App.SignInAsync("authz-reviewer", Roles.Reviewer);
        var own = DirectivesData.Submission(1, UnitScopeAssertions.UnitA);

        foreach (var client in new[] { focal, reviewer })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"{own}/accept", null, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await DirectivesData.PostJsonAsync(client, $"{own}/return", new ReviewInput("x"))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await DirectivesData.PostJsonAsync(client, "/api/v1/deliverables/1/extensions", new DeliverableExtensionInput("01", new DateOnly(2030, 1, 1), "x"))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await DirectivesData.PostJsonAsync(client, "/api/v1/directives",
                new DirectiveInput("1/X", new DateOnly(2024, 1, 1), "x", "x", RecipientScope.AllUnits, null, true))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await DirectivesData.PutJsonAsync(reviewer, own, new DraftInput(null, "x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await focal.GetAsync("/api/v1/compliance", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await focal.GetAsync("/api/v1/deliverables/1/not-submitted", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_public_sees_published_directives_and_their_letters_but_nothing_of_drafts()
    {
        using var admin = await App.SignInAsync("authz-admin", Roles.Admin);
        using var anonymous = App.Anonymous();
        var draft = await TestApp.ReadAsync<DirectiveView>(await DirectivesData.PostJsonAsync(admin, "/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BTTTT-CĐSQG", new DateOnly(2024, 5, 2), "Dự thảo: khảo sát quý II", "Cục trưởng", RecipientScope.AllUnits, null, false)));
        var pdf = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray()), "file", "cong-van.pdf" } };
        var notPdf = new MultipartFormDataContent { { new ByteArrayContent("<html>không phải PDF</html>"u8.ToArray()), "file", "cong-van.pdf" } };
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await admin.PutAsync($"/api/v1/directives/{draft.Id}/letter", notPdf, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsync($"/api/v1/directives/{draft.Id}/letter", pdf, Ct)).StatusCode);

        var listed = await TestApp.ReadAsync<List<DirectiveView>>(await anonymous.GetAsync("/api/v1/directives", Ct));
        var one = await anonymous.GetAsync($"/api/v1/directives/{draft.Id}", Ct);
        var letter = await anonymous.GetAsync($"/api/v1/directives/{draft.Id}/letter", Ct);
        var page = await anonymous.GetAsync($"/directives/{draft.Id}", Ct);
        var listPage = await anonymous.GetStringAsync("/directives", Ct);
        var export = await anonymous.GetStringAsync("/api/v1/directives/export?format=csv", Ct);
        var staffExport = await admin.GetStringAsync("/api/v1/directives/export?format=csv", Ct);

        Assert.DoesNotContain(listed, d => d.Id == draft.Id);
        Assert.Contains(listed, d => d.Number == "2664/BTTTT-THH");
        Assert.Equal(HttpStatusCode.NotFound, one.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, letter.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("Dự thảo: khảo sát quý II", listPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Dự thảo: khảo sát quý II", export, StringComparison.Ordinal);
        Assert.Contains("2664/BTTTT-THH", export, StringComparison.Ordinal);
        Assert.Contains("Dự thảo: khảo sát quý II", staffExport, StringComparison.Ordinal);

        await DirectivesData.PutJsonAsync(admin, $"/api/v1/directives/{draft.Id}", new DirectiveInput(draft.Number, draft.Date, draft.Subject, draft.Signer, draft.Recipients, null, true));
        var published = await anonymous.GetAsync($"/api/v1/directives/{draft.Id}/letter", Ct);

        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("application/pdf", published.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray(), await published.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("cong-van.pdf", published.Content.Headers.ContentDisposition?.FileNameStar ?? published.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }
}

public sealed class DirectivesAuthorizationTestsOnSqlite(SqliteApp fixture) : DirectivesAuthorizationTests<SqliteApp>(fixture);

public sealed class DirectivesAuthorizationTestsOnPostgres(PostgresApp fixture) : DirectivesAuthorizationTests<PostgresApp>(fixture);
