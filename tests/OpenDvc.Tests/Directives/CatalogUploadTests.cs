using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using OpenDvc.Accounts.Users;
using OpenDvc.Directives.Compliance;
using OpenDvc.Directives.Submissions;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Tables;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Transfer;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Directives;

/// <summary>
/// The procedure catalog as an Excel or CSV upload: a bad file (unknown codes, missing reasons, another unit's rows,
/// procedures the unit does not carry out) changes nothing and reports every bad cell; a good one fills the draft,
/// and once accepted updates the registry's eligibility, audited.
/// </summary>
public abstract class CatalogUploadTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Header = ["unit", "procedure", "name", "status", "reason"];

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task A_bad_catalog_file_imports_nothing_and_reports_every_bad_cell(string format)
    {
        using var focal = await App.SignInAsync("catalog-fp-02", Roles.FocalPoint, "02");
        var deliverable = await DirectivesData.DemoCatalogAsync(App);
        var path = DirectivesData.Submission(deliverable, "02");
        var (eligible, notEligible, central) = await SampleProceduresAsync();
        var audited = await CountAsync<AuditEntry>();
        string[][] rows =
        [
            ["02", eligible[0], "", "FullProcess", ""],
            ["02", "9.999999", "", "FullProcess", ""],
            ["02", notEligible, "", "NotEligible", ""],
            ["79", eligible[1], "", "FullProcess", ""],
            ["02", central, "", "FullProcess", ""],
            ["02", eligible[2], "", "Maybe", "không rõ"],
            ["02", eligible[0], "", "FullProcess", ""],
        ];

        var response = await focal.PostAsync($"{path}/catalog", Upload(File(format, rows), $"catalog.{format}"), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = await ErrorsAsync(response);
        Assert.Equal(
            [
                (3, "procedure", "OD-PROCEDURE-UNKNOWN"),
                (4, "reason", "OD-PROCEDURE-REASON-REQUIRED"),
                (5, "unit", "OD-CATALOG-WRONG-UNIT"),
                (6, "procedure", "OD-SERVICE-NOT-UNITS-PROCEDURE"),
                (7, "status", "OD-IMPORT-ENUM"),
                (8, "procedure", "OD-IMPORT-DUPLICATE"),
            ],
            errors.Select(e => (e.Row, e.Column, e.Code)).Order().ToList());
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.MessageVi) || string.IsNullOrEmpty(e.MessageEn)));
        var draft = await TestApp.ReadAsync<SubmissionView>(await focal.GetAsync(path, Ct));
        Assert.Null(draft.Content.Catalog);
        Assert.Equal(audited, await CountAsync<AuditEntry>());
    }

    [Fact]
    public async Task An_accepted_catalog_updates_the_registrys_eligibility_with_an_audit_row()
    {
        using var focal = await App.SignInAsync("catalog-fp-04", Roles.FocalPoint, "04");
        using var admin = await App.SignInAsync("catalog-admin", Roles.Admin);
        var deliverable = await DirectivesData.DemoCatalogAsync(App);
        var path = DirectivesData.Submission(deliverable, "04");
        var template = await focal.GetByteArrayAsync($"{path}/catalog?format=csv", Ct);
        var (file, _) = TableFile.Read(new MemoryStream(template), "catalog.csv");
        var rows = file!.Rows.Select(r => r.Cells).ToList();
        var changed = rows.First(r => r[3] == "Partial");
        changed[3] = "FullProcess";
        changed[4] = "";

        var upload = await focal.PostAsync($"{path}/catalog", Upload(File("csv", rows), "catalog.csv"), Ct);
        var submitted = await TestApp.ReadAsync<SubmissionView>(await focal.PostAsync($"{path}/submit", null, Ct));
        var before = await ProcedureAsync(changed[1]);
        var accepted = await TestApp.ReadAsync<SubmissionView>(await admin.PostAsync($"{path}/accept", null, Ct));
        var after = await ProcedureAsync(changed[1]);

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal(rows.Count, submitted.Content.Catalog!.Count);
        Assert.Equal(ComplianceStatus.Late, submitted.Compliance);
        Assert.Equal(SubmissionStatus.Accepted, accepted.Status);
        Assert.False(before.EligibleForFullProcess);
        Assert.True(after.EligibleForFullProcess);
        Assert.Null(after.IneligibleReason);
        await using var scope = App.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<AuditEntry>()
            .Where(e => e.EntityType == nameof(Procedure) && e.EntityKey == changed[1]).ToListAsync(Ct);
        Assert.Contains(audit, e => e.Actor == "catalog-admin" && e.Action == "update");
    }

    [Fact]
    public async Task A_submitted_catalog_missing_some_of_the_units_procedures_is_refused()
    {
        using var focal = await App.SignInAsync("catalog-fp-06", Roles.FocalPoint, "06");
        var deliverable = await DirectivesData.DemoCatalogAsync(App);
        var path = DirectivesData.Submission(deliverable, "06");
        var (eligible, _, _) = await SampleProceduresAsync();
        await focal.PostAsync($"{path}/catalog", Upload(File("csv", [["06", eligible[0], "", "FullProcess", ""]]), "catalog.csv"), Ct);

        var response = await focal.PostAsync($"{path}/submit", null, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("OD-CATALOG-INCOMPLETE", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private async Task<(string[] Eligible, string NotEligible, string Central)> SampleProceduresAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var procedures = await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<Procedure>().AsNoTracking().OrderBy(p => p.Code).ToListAsync(Ct);
        var local = procedures.Where(p => p.Tier != ProcedureTier.Central).ToList();
        return (local.Where(p => p.EligibleForFullProcess).Take(3).Select(p => p.Code).ToArray(),
            local.First(p => !p.EligibleForFullProcess).Code,
            procedures.First(p => p.Tier == ProcedureTier.Central).Code);
    }

    private async Task<Procedure> ProcedureAsync(string code)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<Procedure>().AsNoTracking().SingleAsync(p => p.Code == code, Ct);
    }

    private async Task<int> CountAsync<T>()
        where T : class
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<T>().CountAsync(Ct);
    }

    private static byte[] File(string format, IEnumerable<string[]> rows)
    {
        if (format == "csv")
        {
            var lines = rows.Select(r => string.Join(',', r.Select(Csv.Escape))).Prepend(string.Join(',', Header));
            return Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");
        }

        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => Header.Select((h, i) => (h, v: (object?)r[i])).ToDictionary(x => x.h, x => x.v)).ToList());
        return stream.ToArray();
    }

    private static MultipartFormDataContent Upload(byte[] bytes, string fileName) => new() { { new ByteArrayContent(bytes), "file", fileName } };

    private static async Task<List<ImportError>> ErrorsAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return document.RootElement.GetProperty("errors").Deserialize<List<ImportError>>(Json.Options)!;
    }
}

public sealed class CatalogUploadTestsOnSqlite(SqliteApp fixture) : CatalogUploadTests<SqliteApp>(fixture);

public sealed class CatalogUploadTestsOnPostgres(PostgresApp fixture) : CatalogUploadTests<PostgresApp>(fixture);
