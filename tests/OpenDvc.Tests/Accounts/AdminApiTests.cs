using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts.ApiKeys;
using OpenDvc.Accounts.AuditLog;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Web;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Accounts;

public abstract class AdminApiTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpClient> AdminAsync() => App.SignInAsync("api-admin", Roles.Admin);

    [Fact]
    public async Task Admin_adds_a_focal_point_then_makes_it_a_viewer()
    {
        using var admin = await AdminAsync();

        var created = await admin.PostAsJsonAsync("/api/v1/admin/users", new NewUser("fp-hanoi", "Hà Nội", Roles.FocalPoint, "01", TestApp.Password), Ct);
        var changed = await TestApp.ReadAsync<UserView>(await admin.PostAsJsonAsync("/api/v1/admin/users/fp-hanoi/role", new RoleChange(Roles.Viewer, null), Ct));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(new UserView("fp-hanoi", "Hà Nội", Roles.FocalPoint, "01", false, null), await TestApp.ReadAsync<UserView>(created));
        Assert.Equal(Roles.Viewer, changed.Role);
        Assert.Null(changed.UnitCode);
    }

    [Theory]
    [InlineData("dup-user", Roles.Viewer, null, HttpStatusCode.Conflict, "OD-USER-EXISTS")]
    [InlineData("new-fp", Roles.FocalPoint, null, HttpStatusCode.BadRequest, "OD-FOCAL-POINT-NEEDS-UNIT")]
    [InlineData("new-fp2", Roles.FocalPoint, "ZZ", HttpStatusCode.BadRequest, "OD-UNIT-UNKNOWN")]
    [InlineData("new-x", "superuser", null, HttpStatusCode.BadRequest, "OD-ROLE-UNKNOWN")]
    public async Task Refused_user_is_a_problem_with_a_stable_code(string userName, string role, string? unit, HttpStatusCode status, string code)
    {
        await App.CreateUserAsync("dup-user", Roles.Viewer);
        using var admin = await AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/admin/users", new NewUser(userName, null, role, unit, TestApp.Password), Ct);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Role_change_is_audited_with_before_and_after()
    {
        await App.CreateUserAsync("audited-role", Roles.FocalPoint, "02");
        using var admin = await AdminAsync();

        await TestApp.ReadAsync<UserView>(await admin.PostAsJsonAsync("/api/v1/admin/users/audited-role/role", new RoleChange(Roles.Reviewer, null), Ct));
        var page = await TestApp.ReadAsync<Page<AuditEntryView>>(await admin.GetAsync("/api/v1/audit?entityType=UserRole&entityKey=audited-role", Ct));

        var change = Assert.Single(page.Items, e => e.Action == "update");
        Assert.Equal("api-admin", change.Actor);
        Assert.Equal(Roles.FocalPoint, change.Before!.Value.GetProperty("Role").GetString());
        Assert.Equal("02", change.Before!.Value.GetProperty("UnitCode").GetString());
        Assert.Equal(Roles.Reviewer, change.After!.Value.GetProperty("Role").GetString());
        Assert.Contains(page.Items, e => e.Action == "create");
    }

    private static readonly string[] VietnameseWords = ["<td>Tạo mới</td>", "<td>Vai trò tài khoản</td>", "<td>Tài khoản</td>", "Tên đăng nhập (chuẩn hóa)"];

    private static readonly string[] EnglishWords = ["<td>Created</td>", "<td>User account</td>", "User name (normalised)"];

    private static readonly string[] CodeNames = ["<td>create</td>", "<td>UserRole</td>", "NormalizedUserName"];

    [Fact]
    public async Task Audit_page_names_actions_entities_and_fields_in_words_and_hides_rows_with_nothing_changed_issue_18()
    {
        await App.CreateUserAsync("audit-words", Roles.Viewer);
        using var admin = await AdminAsync();
        await TestApp.ReadAsync<UserView>(await admin.PostAsJsonAsync("/api/v1/admin/users/audit-words/role", new RoleChange(Roles.Reviewer, null), Ct));
        await using (var scope = App.Services.CreateAsyncScope())
        {
            // Identity's UpdateAsync marks every column modified: an audit row whose before and after are the same.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            await users.UpdateAsync((await users.FindByNameAsync("audit-words"))!);
        }

        var api = await TestApp.ReadAsync<Page<AuditEntryView>>(await admin.GetAsync("/api/v1/audit?entityKey=audit-words", Ct));
        var page = await admin.GetStringAsync("/admin/audit?entityKey=audit-words", Ct);
        var english = await admin.GetStringAsync("/admin/audit?entityKey=audit-words&culture=en-GB", Ct);
        var everything = await admin.GetStringAsync("/admin/audit?entityKey=audit-words&unchanged=true", Ct);

        Assert.Contains(api.Items, e => e.Action == "update" && e.EntityType == nameof(User) && e.Before is { } before && before.GetRawText() == e.After?.GetRawText());
        Assert.All(VietnameseWords, word => Assert.Contains(word, page, StringComparison.Ordinal));
        Assert.All(EnglishWords, word => Assert.Contains(word, english, StringComparison.Ordinal));
        Assert.All(CodeNames, name => Assert.DoesNotContain(name, page + english, StringComparison.Ordinal));

        Assert.DoesNotContain("<summary>0 ", page, StringComparison.Ordinal);
        Assert.Contains("<summary>0 ", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_log_never_holds_password_hashes_security_stamps_or_key_hashes()
    {
        using var admin = await AdminAsync();
        await admin.PostAsJsonAsync("/api/v1/admin/users", new NewUser("secretive", null, Roles.Viewer, null, TestApp.Password), Ct);
        await TestApp.ReadAsync<UserView>(await admin.PostAsJsonAsync("/api/v1/admin/users/secretive/password", new PasswordReset("Another-Password-7"), Ct));
        var issued = await TestApp.ReadAsync<IssuedApiKey>(await admin.PostAsJsonAsync("/api/v1/units/01/keys", new NewApiKey("audit test"), Ct));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/keys/{issued.Id}", Ct)).StatusCode);

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var user = await db.Set<User>().SingleAsync(u => u.UserName == "secretive", Ct);
        var key = await db.Set<ApiKey>().SingleAsync(k => k.Id == issued.Id, Ct);
        var audit = string.Join('\n', await db.Set<OpenDvc.Platform.Audit.AuditEntry>().Select(e => e.EntityType + e.Before + e.After).ToListAsync(Ct));

        Assert.Contains("reset-password", string.Join(' ', await db.Set<OpenDvc.Platform.Audit.AuditEntry>().Where(e => e.EntityKey == "secretive").Select(e => e.Action).ToListAsync(Ct)), StringComparison.Ordinal);
        Assert.Contains("ApiKey", audit, StringComparison.Ordinal);
        Assert.Contains("\"UserName\":\"secretive\"", audit, StringComparison.Ordinal);
        foreach (var secret in new[] { user.PasswordHash!, user.SecurityStamp!, user.ConcurrencyStamp!, key.SecretHash, "PasswordHash", "SecurityStamp", "SecretHash", issued.Key })
        {
            Assert.DoesNotContain(secret, audit, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Issued_key_is_shown_once_and_authenticates_until_revoked()
    {
        using var admin = await AdminAsync();

        var issued = await TestApp.ReadAsync<IssuedApiKey>(await admin.PostAsJsonAsync("/api/v1/units/02/keys", new NewApiKey("one-stop"), Ct));
        var listed = await admin.GetStringAsync("/api/v1/units/02/keys", Ct);
        var before = await AuthenticatesAsync(issued.Key);
        var revoked = await admin.DeleteAsync($"/api/v1/keys/{issued.Id}", Ct);
        var after = await AuthenticatesAsync(issued.Key);

        Assert.StartsWith($"odvc_{issued.Prefix}_", issued.Key, StringComparison.Ordinal);
        Assert.Contains(issued.Prefix, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(issued.Key, listed, StringComparison.Ordinal);
        Assert.True(before);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.False(after);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/v1/keys/999999", Ct)).StatusCode);
    }

    [Fact]
    public async Task Key_for_an_unknown_unit_is_refused()
    {
        using var admin = await AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/units/ZZ/keys", new NewApiKey(null), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("OD-UNIT-UNKNOWN", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_log_filters_by_unit_and_pages_newest_first_without_repeats()
    {
        using var admin = await AdminAsync();
        for (var i = 0; i < 5; i++)
        {
            await admin.PostAsJsonAsync("/api/v1/units/79/keys", new NewApiKey($"paging {i}"), Ct);
            await admin.PostAsJsonAsync("/api/v1/units/48/keys", new NewApiKey($"other {i}"), Ct);
        }

        var ids = new List<long>();
        string? next = null;
        do
        {
            var page = await TestApp.ReadAsync<Page<AuditEntryView>>(await admin.GetAsync($"/api/v1/audit?unit=79&entityType=ApiKey&limit=2&after={next}", Ct));
            Assert.All(page.Items, e => Assert.Equal("79", e.UnitCode));
            ids.AddRange(page.Items.Select(e => e.Id));
            next = page.Next;
        }
        while (next is not null);

        Assert.Equal(5, ids.Count);
        Assert.Equal(ids.OrderDescending(), ids);
    }

    [Fact]
    public async Task Audit_log_date_range_is_in_vietnam_days()
    {
        using var admin = await AdminAsync();
        await admin.PostAsJsonAsync("/api/v1/units/01/keys", new NewApiKey("dated"), Ct);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

        var todays = await TestApp.ReadAsync<Page<AuditEntryView>>(await admin.GetAsync($"/api/v1/audit?entityType=ApiKey&from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}", Ct));
        var tomorrows = await TestApp.ReadAsync<Page<AuditEntryView>>(await admin.GetAsync($"/api/v1/audit?entityType=ApiKey&from={today.AddDays(1):yyyy-MM-dd}", Ct));
        var yesterdays = await TestApp.ReadAsync<Page<AuditEntryView>>(await admin.GetAsync($"/api/v1/audit?entityType=ApiKey&to={today.AddDays(-1):yyyy-MM-dd}", Ct));

        Assert.NotEmpty(todays.Items);
        Assert.Empty(tomorrows.Items);
        Assert.Empty(yesterdays.Items);
    }

    [Fact]
    public async Task Issue_14_audit_log_dates_at_the_ends_of_the_calendar_are_no_500()
    {
        using var admin = await AdminAsync();
        await admin.PostAsJsonAsync("/api/v1/units/01/keys", new NewApiKey("edges"), Ct);

        var everything = await TestApp.ReadAsync<Page<AuditEntryView>>(await admin.GetAsync("/api/v1/audit?entityType=ApiKey&from=0001-01-01&to=9999-12-31", Ct));

        Assert.NotEmpty(everything.Items);
    }

    [Fact]
    public async Task Audit_log_exports_csv_with_localised_headers()
    {
        using var admin = await AdminAsync();
        await admin.PostAsJsonAsync("/api/v1/units/01/keys", new NewApiKey("exported"), Ct);

        var csv = System.Text.Encoding.UTF8.GetString(await admin.GetByteArrayAsync("/api/v1/audit/export?format=csv&entityType=ApiKey", Ct));
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");
        var english = System.Text.Encoding.UTF8.GetString(await admin.GetByteArrayAsync("/api/v1/audit/export?format=csv&entityType=ApiKey", Ct));

        Assert.StartsWith("\uFEFFSố,Thời điểm,Người thực hiện,Thao tác,Loại đối tượng", csv, StringComparison.Ordinal);
        Assert.StartsWith("\uFEFFId,When,Actor,Action,Entity type", english, StringComparison.Ordinal);
        Assert.Contains("exported", csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/audit/export?format=docx", Ct)).StatusCode);
        var pdf = await admin.GetAsync("/api/v1/audit/export?format=pdf&entityType=ApiKey", Ct);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ApiKey", string.Join(' ', OpenDvc.Tests.Platform.PdfText.Pages(await pdf.Content.ReadAsByteArrayAsync(Ct))), StringComparison.Ordinal);
    }

    private async Task<bool> AuthenticatesAsync(string key)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers["X-Api-Key"] = key;
        var result = await context.AuthenticateAsync("ApiKey");
        return result.Succeeded && result.Principal.HasClaim(OpenDvc.Accounts.UnitAccess.UnitClaim, "02");
    }
}

public sealed class AdminApiTestsOnSqlite(SqliteApp fixture) : AdminApiTests<SqliteApp>(fixture);

public sealed class AdminApiTestsOnPostgres(PostgresApp fixture) : AdminApiTests<PostgresApp>(fixture);
