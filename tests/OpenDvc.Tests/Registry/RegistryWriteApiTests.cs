using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Calendar;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;
using OpenDvc.Registry.Units;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Registry;

public abstract class RegistryWriteApiTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static ProcedureInput NewProcedure(string name = "Cấp giấy phép thử nghiệm", bool eligible = true, string? reason = null) =>
        new(name, "Thử nghiệm", Audience.Citizens, ProcedureTier.Provincial, "BTP", 10, ProcessingTimeUnit.WorkingDays, 50_000, true, eligible, reason);

    internal static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    [Fact]
    public async Task Admin_edit_of_a_procedure_leaves_an_audit_row_with_before_and_after()
    {
        using var admin = await App.SignInAsync("registry-admin", Roles.Admin);
        await TestApp.ReadAsync<Procedure>(await admin.PutAsJsonAsync("/api/v1/procedures/9.000001", NewProcedure("Tên cũ"), Json.Options, Ct));

        var changed = await TestApp.ReadAsync<Procedure>(await admin.PutAsJsonAsync("/api/v1/procedures/9.000001", NewProcedure("Tên mới"), Json.Options, Ct));

        Assert.Equal("Tên mới", changed.Name);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var audit = await db.Set<AuditEntry>().SingleAsync(e => e.EntityType == nameof(Procedure) && e.EntityKey == "9.000001" && e.Action == "update", Ct);
        Assert.Equal("registry-admin", audit.Actor);
        Assert.Contains("Tên cũ", JsonDocument.Parse(audit.Before!).RootElement.GetProperty("Name").GetString(), StringComparison.Ordinal);
        Assert.Contains("Tên mới", JsonDocument.Parse(audit.After!).RootElement.GetProperty("Name").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_procedure_not_eligible_without_a_reason_is_refused_with_its_rule_code()
    {
        using var admin = await App.SignInAsync("registry-admin", Roles.Admin);

        var response = await admin.PutAsJsonAsync("/api/v1/procedures/9.000002", NewProcedure(eligible: false), Json.Options, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal("OD-REGISTRY-INVALID", problem.GetProperty("code").GetString());
        Assert.Equal("OD-PROCEDURE-REASON-REQUIRED", problem.GetProperty("violations")[0].GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/procedures/9.000002", Ct)).StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_cannot_write_and_viewers_and_focal_points_cannot_edit_procedures()
    {
        using var anonymous = App.Anonymous();
        using var viewer = await App.SignInAsync("registry-viewer", Roles.Viewer);
        using var focal = await App.SignInAsync("registry-focal-01", Roles.FocalPoint, "01");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/api/v1/procedures/9.000003", NewProcedure(), Json.Options, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/api/v1/services/01/1.000000", new ServiceInput(ServiceLevel.Partial, null, new DateOnly(2024, 1, 1), null), Json.Options, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/api/v1/units/01/contact", new UnitContactInput("x", null, null, null), Json.Options, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync("/api/v1/calendar/days/2024-09-02", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync("/api/v1/procedures/9.000003", NewProcedure(), Json.Options, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync("/api/v1/units/01/contact", new UnitContactInput("x", null, null, null), Json.Options, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await focal.PutAsJsonAsync("/api/v1/procedures/9.000003", NewProcedure(), Json.Options, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/procedures/9.000003", Ct)).StatusCode);
    }

    [Fact]
    public async Task Focal_point_edits_its_own_units_services_and_contact()
    {
        using var focal = await App.SignInAsync("registry-focal-01", Roles.FocalPoint, "01");
        var procedure = await EligibleProvincialProcedureAsync();

        var service = await TestApp.ReadAsync<OnlineService>(await focal.PutAsJsonAsync($"/api/v1/services/01/{procedure}",
            new ServiceInput(ServiceLevel.FullProcess, 4, new DateOnly(2022, 3, 1), new DateOnly(2023, 1, 1)), Json.Options, Ct));
        var contact = await TestApp.ReadAsync<UnitView>(await focal.PutAsJsonAsync("/api/v1/units/01/contact",
            new UnitContactInput("Sở Thông tin và Truyền thông Hà Nội", "Nguyễn Văn Mới", "moi@example.gov.vn", "024 1234 5678"), Json.Options, Ct));
        var removed = await focal.DeleteAsync($"/api/v1/services/01/{procedure}", Ct);

        Assert.Equal(ServiceLevel.FullProcess, service.Level);
        Assert.Equal("Nguyễn Văn Mới", contact.ContactName);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var mine = await TestApp.ReadAsync<UnitView>(await focal.GetAsync("/api/v1/units/01", Ct));
        Assert.Equal("moi@example.gov.vn", mine.ContactEmail);
    }

    [Fact]
    public async Task Focal_point_of_one_unit_is_forbidden_another_units_services_and_contact()
    {
        using var focal = await App.SignInAsync("registry-focal-01", Roles.FocalPoint, "01");
        var procedure = await EligibleProvincialProcedureAsync();

        var service = await focal.PutAsJsonAsync($"/api/v1/services/79/{procedure}", new ServiceInput(ServiceLevel.Partial, null, new DateOnly(2022, 3, 1), null), Json.Options, Ct);
        var removal = await focal.DeleteAsync($"/api/v1/services/79/{procedure}", Ct);
        var contact = await focal.PutAsJsonAsync("/api/v1/units/79/contact", new UnitContactInput("x", "y", null, null), Json.Options, Ct);
        var otherUnit = await TestApp.ReadAsync<UnitView>(await focal.GetAsync("/api/v1/units/79", Ct));

        Assert.Equal(HttpStatusCode.Forbidden, service.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, removal.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, contact.StatusCode);
        Assert.Equal("OD-FORBIDDEN", (await ProblemAsync(contact)).GetProperty("code").GetString());
        Assert.Null(otherUnit.ContactName);
    }

    [Fact]
    public async Task Full_process_level_on_a_procedure_not_eligible_is_refused()
    {
        using var admin = await App.SignInAsync("registry-admin", Roles.Admin);
        await TestApp.ReadAsync<Procedure>(await admin.PutAsJsonAsync("/api/v1/procedures/9.000004", NewProcedure(eligible: false, reason: "Phải kiểm tra bản gốc"), Json.Options, Ct));

        var response = await admin.PutAsJsonAsync("/api/v1/services/01/9.000004", new ServiceInput(ServiceLevel.FullProcess, null, new DateOnly(2024, 1, 1), null), Json.Options, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("OD-SERVICE-LEVEL-NOT-ELIGIBLE", (await ProblemAsync(response)).GetProperty("violations")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Admin_calendar_edit_changes_working_day_arithmetic_at_once()
    {
        using var admin = await App.SignInAsync("registry-admin", Roles.Admin);
        using var anonymous = App.Anonymous();
        var before = await TestApp.ReadAsync<WorkingDaysAnswer>(await anonymous.GetAsync("/api/v1/calendar/working-days?from=2026-11-19&days=1", Ct));

        await TestApp.ReadAsync<CalendarDay>(await admin.PutAsJsonAsync("/api/v1/calendar/days/2026-11-20", new CalendarDayInput(CalendarDayKind.DayOff, "Ngày nghỉ thử"), Json.Options, Ct));
        var withDayOff = await TestApp.ReadAsync<WorkingDaysAnswer>(await anonymous.GetAsync("/api/v1/calendar/working-days?from=2026-11-19&days=1", Ct));
        var year = await TestApp.ReadAsync<List<CalendarDay>>(await anonymous.GetAsync("/api/v1/calendar/2026", Ct));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/calendar/days/2026-11-20", Ct)).StatusCode);
        var afterDelete = await TestApp.ReadAsync<WorkingDaysAnswer>(await anonymous.GetAsync("/api/v1/calendar/working-days?from=2026-11-19&days=1", Ct));

        Assert.Equal(new DateOnly(2026, 11, 20), before.Due);
        Assert.Equal(new DateOnly(2026, 11, 23), withDayOff.Due);
        Assert.Contains(year, d => d.Name == "Ngày nghỉ thử");
        Assert.Equal(new DateOnly(2026, 11, 20), afterDelete.Due);
    }

    [Fact]
    public async Task A_day_off_on_a_weekend_is_refused()
    {
        using var admin = await App.SignInAsync("registry-admin", Roles.Admin);

        var response = await admin.PutAsJsonAsync("/api/v1/calendar/days/2026-11-21", new CalendarDayInput(CalendarDayKind.DayOff, "Thứ bảy"), Json.Options, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("OD-CALENDAR-DAY-OFF-ON-WEEKEND", (await ProblemAsync(response)).GetProperty("violations")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Procedures_search_by_name_and_filters_pages_by_code()
    {
        using var client = App.Anonymous();

        var first = await TestApp.ReadAsync<OpenDvc.Platform.Web.Page<Procedure>>(await client.GetAsync("/api/v1/procedures?q=khai%20sinh&limit=2", Ct));
        var eligible = await TestApp.ReadAsync<OpenDvc.Platform.Web.Page<Procedure>>(await client.GetAsync("/api/v1/procedures?eligible=false&tier=Provincial&limit=500", Ct));

        Assert.NotEmpty(first.Items);
        Assert.All(first.Items, p => Assert.Contains("khai sinh", p.Name, StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(eligible.Items);
        Assert.All(eligible.Items, p => Assert.False(p.EligibleForFullProcess));
        Assert.All(eligible.Items, p => Assert.Equal(ProcedureTier.Provincial, p.Tier));
    }

    private async Task<string> EligibleProvincialProcedureAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        return await db.Set<Procedure>().Where(p => p.Tier != ProcedureTier.Central && p.EligibleForFullProcess).OrderBy(p => p.Code).Select(p => p.Code).FirstAsync(Ct);
    }
}

public sealed class RegistryWriteApiTestsOnSqlite(SqliteApp fixture) : RegistryWriteApiTests<SqliteApp>(fixture);

public sealed class RegistryWriteApiTestsOnPostgres(PostgresApp fixture) : RegistryWriteApiTests<PostgresApp>(fixture);
