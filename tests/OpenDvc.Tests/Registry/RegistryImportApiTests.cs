using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;
using OpenDvc.Registry.Transfer;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Registry;

public abstract class RegistryImportApiTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private const string ProcedureHeader = "code,name,field,audience,tier,managing_unit,statutory_time,time_unit,fee,paper_result,eligible_full_process,ineligible_reason";
    private const string ServiceHeader = "unit,procedure,level,legacy_level,online_since,full_process_since";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static MultipartFormDataContent Upload(byte[] bytes, string fileName) =>
        new() { { new ByteArrayContent(bytes), "file", fileName } };

    internal static byte[] CsvBytes(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task Exported_procedures_and_services_import_back_unchanged(string format)
    {
        using var admin = await App.SignInAsync("import-admin", Roles.Admin);
        var audited = await CountAsync<AuditEntry>();

        foreach (var table in new[] { "procedures", "services" })
        {
            var file = await admin.GetByteArrayAsync($"/api/v1/{table}/export?format={format}", Ct);

            var report = await TestApp.ReadAsync<ImportReport>(await admin.PostAsync($"/api/v1/{table}/import", Upload(file, $"{table}.{format}"), Ct));

            Assert.True(report.Rows > 100, $"{table}: {report.Rows} rows");
            Assert.Equal(report.Rows, report.Unchanged);
            Assert.Equal(0, report.Created + report.Updated);
        }

        Assert.Equal(audited, await CountAsync<AuditEntry>());
    }

    [Fact]
    public async Task An_upload_over_the_servers_body_limit_is_a_413_problem_with_or_without_content_length()
    {
        using var admin = await App.SignInAsync("import-admin", Roles.Admin);
        var tooBig = new byte[31_000_000];

        // As clients send large uploads: the body waits for the server's "100 Continue", so a refusal is read, not cut off.
        using var sized = await admin.SendAsync(Post(Upload(tooBig, "big.csv")), Ct);
        using var chunked = await admin.SendAsync(Post(new MultipartFormDataContent { { new StreamContent(new UnseekableStream(tooBig)), "file", "big.csv" } }), Ct);

        foreach (var response in new[] { sized, chunked })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        static HttpRequestMessage Post(HttpContent content) =>
            new(HttpMethod.Post, "/api/v1/procedures/import") { Content = content, Headers = { ExpectContinue = true } };
    }

    [Fact]
    public async Task A_procedures_file_with_bad_rows_writes_nothing_and_reports_each_bad_cell()
    {
        using var admin = await App.SignInAsync("import-admin", Roles.Admin);
        var before = await CountAsync<Procedure>();
        var file = CsvBytes(
            ProcedureHeader,
            "8.000001,Thủ tục tốt,Thử nghiệm,Citizens,Provincial,BTP,5,WorkingDays,0,1,1,",
            "8.000002,Đơn vị lạ,Thử nghiệm,Citizens,Provincial,ZZZ,5,WorkingDays,0,1,1,",
            "8.000001,Mã trùng,Thử nghiệm,Citizens,Provincial,BTP,5,WorkingDays,0,1,1,",
            "8.000003,Đối tượng sai,Thử nghiệm,Aliens,Provincial,BTP,5,Weeks,0,1,1,",
            "8.000004,,Thử nghiệm,Citizens,Provincial,BTP,,WorkingDays,0,1,1,",
            "8.000005,Không lý do,Thử nghiệm,Citizens,Provincial,BTP,5,WorkingDays,0,1,0,");

        var response = await admin.PostAsync("/api/v1/procedures/import", Upload(file, "procedures.csv"), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = await ErrorsAsync(response);
        Assert.Equal(
            [
                (3, "managing_unit", "ZZZ", "OD-UNIT-UNKNOWN"),
                (4, "code", "8.000001", "OD-IMPORT-DUPLICATE"),
                (5, "audience", "Aliens", "OD-IMPORT-ENUM"),
                (5, "time_unit", "Weeks", "OD-IMPORT-ENUM"),
                (6, "name", "", "OD-IMPORT-REQUIRED"),
                (6, "statutory_time", "", "OD-IMPORT-REQUIRED"),
                (7, "ineligible_reason", "", "OD-PROCEDURE-REASON-REQUIRED"),
            ],
            errors.Select(e => (e.Row, e.Column, e.Value, e.Code)).Order().ToList());
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.MessageVi) || string.IsNullOrEmpty(e.MessageEn)));
        Assert.Equal(before, await CountAsync<Procedure>());
    }

    [Fact]
    public async Task A_services_file_with_unknown_codes_and_ineligible_full_process_writes_nothing()
    {
        using var admin = await App.SignInAsync("import-admin", Roles.Admin);
        var (eligible, notEligible) = await ProvincialProceduresAsync();
        var before = await CountAsync<OnlineService>();
        var file = CsvBytes(
            ServiceHeader,
            $"01,{eligible},FullProcess,4,2021-01-04,2022-01-04",
            $"ZZ,{eligible},Partial,,2021-01-04,",
            "01,0.999999,Partial,,2021-01-04,",
            $"01,{notEligible},FullProcess,,2021-01-04,",
            $"01,{eligible},Complete,7,04/01/2021,");

        var response = await admin.PostAsync("/api/v1/services/import", Upload(file, "services.csv"), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(
            [
                (3, "unit", "ZZ", "OD-UNIT-UNKNOWN"),
                (4, "procedure", "0.999999", "OD-PROCEDURE-UNKNOWN"),
                (5, "level", "FullProcess", "OD-SERVICE-LEVEL-NOT-ELIGIBLE"),
                (6, "legacy_level", "7", "OD-IMPORT-NUMBER"),
                (6, "level", "Complete", "OD-IMPORT-ENUM"),
                (6, "online_since", "04/01/2021", "OD-IMPORT-DATE"),
                (6, "procedure", $"{eligible}", "OD-IMPORT-DUPLICATE"),
            ],
            (await ErrorsAsync(response)).Select(e => (e.Row, e.Column, e.Value, e.Code)).Order().ToList());
        Assert.Equal(before, await CountAsync<OnlineService>());
    }

    [Theory]
    [InlineData("not-a-workbook.xlsx", "this is not a zip", "OD-IMPORT-MALFORMED")]
    [InlineData("empty.csv", "", "OD-IMPORT-EMPTY")]
    [InlineData("header-only.csv", ProcedureHeader, "OD-IMPORT-EMPTY")]
    [InlineData("wrong-headers.csv", "code;name;field\n1.2;x;y", "OD-IMPORT-HEADER-UNKNOWN")]
    [InlineData("missing-header.csv", "code,name,field,audience,tier,managing_unit,statutory_time,time_unit,fee,paper_result,eligible_full_process\n8.1,x,y,Citizens,Central,BTP,1,Days,0,0,1", "OD-IMPORT-HEADER-MISSING")]
    public async Task A_malformed_file_is_refused_with_a_stable_code(string fileName, string content, string code)
    {
        using var admin = await App.SignInAsync("import-admin", Roles.Admin);
        var before = await CountAsync<Procedure>();

        var response = await admin.PostAsync("/api/v1/procedures/import", Upload(Encoding.UTF8.GetBytes(content), fileName), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(await ErrorsAsync(response), e => e.Code == code);
        Assert.Equal(before, await CountAsync<Procedure>());
    }

    [Fact]
    public async Task A_good_xlsx_file_imports_and_a_dry_run_writes_nothing()
    {
        using var admin = await App.SignInAsync("import-admin", Roles.Admin);
        var rows = new[]
        {
            new Dictionary<string, object?> { ["code"] = "7.000001", ["name"] = "Cấp phép từ Excel", ["field"] = "Thử nghiệm", ["audience"] = "Businesses", ["tier"] = "Central", ["managing_unit"] = "BTTTT", ["statutory_time"] = 15, ["time_unit"] = "WorkingDays", ["fee"] = 1_000_000, ["paper_result"] = true, ["eligible_full_process"] = false, ["ineligible_reason"] = "Phải thẩm định thực tế" },
        };
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, cancellationToken: Ct);

        var dry = await TestApp.ReadAsync<ImportReport>(await admin.PostAsync("/api/v1/procedures/import?dryRun=true", Upload(stream.ToArray(), "new.xlsx"), Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/procedures/7.000001", Ct)).StatusCode);
        var real = await TestApp.ReadAsync<ImportReport>(await admin.PostAsync("/api/v1/procedures/import", Upload(stream.ToArray(), "new.xlsx"), Ct));
        var imported = await TestApp.ReadAsync<Procedure>(await admin.GetAsync("/api/v1/procedures/7.000001", Ct));

        Assert.True(dry.DryRun);
        Assert.Equal(1, dry.Created);
        Assert.Equal(1, real.Created);
        Assert.Equal(1_000_000, imported.Fee);
        Assert.False(imported.EligibleForFullProcess);
        Assert.Equal("Phải thẩm định thực tế", imported.IneligibleReason);
    }

    [Fact]
    public async Task A_focal_point_imports_its_own_units_services_only()
    {
        using var focal = await App.SignInAsync("import-focal-02", Roles.FocalPoint, "02");
        var (eligible, _) = await ProvincialProceduresAsync();
        var before = await CountAsync<OnlineService>();
        var file = CsvBytes(ServiceHeader, $"02,{eligible},Partial,,2023-05-02,", $"79,{eligible},Partial,,2023-05-02,");

        var refused = await focal.PostAsync("/api/v1/services/import", Upload(file, "services.csv"), Ct);
        var accepted = await focal.PostAsync("/api/v1/services/import", Upload(CsvBytes(ServiceHeader, $"02,{eligible},Partial,,2023-05-02,"), "services.csv"), Ct);

        Assert.Equal((3, "unit", "OD-FORBIDDEN"), (await ErrorsAsync(refused)).Select(e => (e.Row, e.Column, e.Code)).Single());
        Assert.True((await TestApp.ReadAsync<ImportReport>(accepted)).Succeeded);
        Assert.True(await CountAsync<OnlineService>() >= before);
    }

    [Fact]
    public async Task Anonymous_and_viewers_cannot_import()
    {
        using var anonymous = App.Anonymous();
        using var viewer = await App.SignInAsync("import-viewer", Roles.Viewer);
        var file = CsvBytes(ServiceHeader, "01,1.0,Partial,,2023-05-02,");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/procedures/import", Upload(file, "p.csv"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/services/import", Upload(file, "s.csv"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/v1/procedures/import", Upload(file, "p.csv"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/v1/services/import", Upload(file, "s.csv"), Ct)).StatusCode);
    }

    private static async Task<List<ImportError>> ErrorsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("OD-IMPORT-INVALID", problem.GetProperty("code").GetString());
        return problem.GetProperty("errors").Deserialize<List<ImportError>>(Json.Options)!;
    }

    private async Task<int> CountAsync<T>()
        where T : class
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<T>().CountAsync(Ct);
    }

    private async Task<(string Eligible, string NotEligible)> ProvincialProceduresAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var provincial = db.Set<Procedure>().Where(p => p.Tier == ProcedureTier.Provincial).OrderBy(p => p.Code);
        return (await provincial.Where(p => p.EligibleForFullProcess).Select(p => p.Code).FirstAsync(Ct),
            await provincial.Where(p => !p.EligibleForFullProcess).Select(p => p.Code).FirstAsync(Ct));
    }
}

public sealed class RegistryImportApiTestsOnSqlite(SqliteApp fixture) : RegistryImportApiTests<SqliteApp>(fixture);

public sealed class RegistryImportApiTestsOnPostgres(PostgresApp fixture) : RegistryImportApiTests<PostgresApp>(fixture);
