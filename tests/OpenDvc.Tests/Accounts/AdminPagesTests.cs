using System.Net;
using Microsoft.AspNetCore.Identity;
using OpenDvc.Accounts.Users;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Accounts;

public sealed class AdminPagesTests(SqliteApp fixture) : AppTests<SqliteApp>(fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Admin_adds_a_focal_point_through_the_form()
    {
        using var admin = await App.SignInAsync("page-admin", Roles.Admin);

        var response = await TestApp.PostFormAsync(admin, "/admin/users?handler=Add", new() { ["UserName"] = "form-fp", ["Role"] = Roles.FocalPoint, ["UnitCode"] = "79", ["Password"] = TestApp.Password }, "/admin/users");
        var list = await admin.GetStringAsync("/admin/users", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("id=\"user-form-fp\"", list, StringComparison.Ordinal);
        Assert.Contains("Đã thêm tài khoản form-fp.", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_form_shows_the_reason_and_its_code()
    {
        using var admin = await App.SignInAsync("page-admin", Roles.Admin);

        var response = await TestApp.PostFormAsync(admin, "/admin/users?handler=Add", new() { ["UserName"] = "no-unit", ["Role"] = Roles.FocalPoint, ["Password"] = TestApp.Password }, "/admin/users");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("OD-FOCAL-POINT-NEEDS-UNIT", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_unlocks_a_locked_out_user()
    {
        await App.CreateUserAsync("locked-out", Roles.Viewer);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            await users.SetLockoutEndDateAsync((await users.FindByNameAsync("locked-out"))!, DateTimeOffset.UtcNow.AddHours(1));
        }

        using var admin = await App.SignInAsync("page-admin", Roles.Admin);
        var lockedPage = await admin.GetStringAsync("/admin/users", Ct);

        var response = await TestApp.PostFormAsync(admin, "/admin/users?handler=Unlock", new() { ["UserName"] = "locked-out" }, "/admin/users");
        using var client = await App.SignInAsync("locked-out", Roles.Viewer);

        Assert.Contains("Đang bị khóa", lockedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Admin_resets_a_password_and_the_old_one_stops_working()
    {
        await App.CreateUserAsync("forgetful", Roles.Reviewer);
        using var admin = await App.SignInAsync("page-admin", Roles.Admin);

        var response = await TestApp.PostFormAsync(admin, "/admin/users?handler=ResetPassword", new() { ["UserName"] = "forgetful", ["Password"] = "Brand-New-Password-1" }, "/admin/users");
        using var client = App.Anonymous();
        var old = await TestApp.PostFormAsync(client, "/account/login", new() { ["UserName"] = "forgetful", ["Password"] = TestApp.Password });
        var fresh = await TestApp.PostFormAsync(client, "/account/login", new() { ["UserName"] = "forgetful", ["Password"] = "Brand-New-Password-1" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
    }

    [Fact]
    public async Task Issued_key_is_shown_once_on_the_keys_page()
    {
        using var admin = await App.SignInAsync("page-admin", Roles.Admin);

        var issued = await TestApp.PostFormAsync(admin, "/admin/keys?handler=Issue", new() { ["Unit"] = "01", ["Name"] = "page key" }, "/admin/keys");
        var html = await issued.Content.ReadAsStringAsync(Ct);
        var key = System.Text.RegularExpressions.Regex.Match(html, "odvc_[0-9a-f]{10}_[A-Za-z0-9_-]+").Value;
        var later = await admin.GetStringAsync("/admin/keys", Ct);

        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.True(issued.Headers.CacheControl?.NoStore);
        Assert.NotEmpty(key);
        Assert.DoesNotContain(key, later, StringComparison.Ordinal);
        Assert.Contains(key.Split('_')[1], later, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_revokes_a_key_on_the_keys_page()
    {
        using var admin = await App.SignInAsync("page-admin", Roles.Admin);
        using var keyClient = await App.ApiKeyClientAsync("02");
        var id = await LatestKeyIdAsync();

        var response = await TestApp.PostFormAsync(admin, "/admin/keys?handler=Revoke", new() { ["Id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/admin/keys");
        var page = await admin.GetStringAsync("/admin/keys", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains($"Đã thu hồi khóa số {id}.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_page_shows_a_role_change_with_changed_fields_highlighted()
    {
        await App.CreateUserAsync("promoted", Roles.Viewer);
        using var admin = await App.SignInAsync("page-admin", Roles.Admin);
        await TestApp.PostFormAsync(admin, "/admin/users?handler=SetRole", new() { ["UserName"] = "promoted", ["Role"] = Roles.Reviewer }, "/admin/users");

        var page = await admin.GetStringAsync("/admin/audit?entityType=UserRole&entityKey=promoted", Ct);

        Assert.Contains("<tr class=\"changed\">", page, StringComparison.Ordinal);
        Assert.Contains("1 trường thay đổi: Vai trò", page, StringComparison.Ordinal);
        Assert.Contains("reviewer", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_change_their_own_password_with_the_current_one()
    {
        using var client = await App.SignInAsync("self-service", Roles.Viewer);

        var wrong = await TestApp.PostFormAsync(client, "/account", new() { ["CurrentPassword"] = "not-my-password", ["NewPassword"] = "My-Own-Password-9", ["ConfirmPassword"] = "My-Own-Password-9" });
        var right = await TestApp.PostFormAsync(client, "/account", new() { ["CurrentPassword"] = TestApp.Password, ["NewPassword"] = "My-Own-Password-9", ["ConfirmPassword"] = "My-Own-Password-9" });
        var stillSignedIn = await client.GetAsync("/account", Ct);
        using var other = App.Anonymous();
        var login = await TestApp.PostFormAsync(other, "/account/login", new() { ["UserName"] = "self-service", ["Password"] = "My-Own-Password-9" });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("OD-PASSWORD-WRONG", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }

    [Theory]
    [InlineData("/admin/users")]
    [InlineData("/admin/keys")]
    [InlineData("/admin/audit")]
    public async Task Admin_pages_send_a_reviewer_to_the_denied_page(string path)
    {
        using var reviewer = await App.SignInAsync("page-reviewer", Roles.Reviewer);

        var response = await reviewer.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/denied", TestApp.PathOf(response.Headers.Location));
    }

    private async Task<int> LatestKeyIdAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvc.Platform.Database.OpenDvcDbContext>();
        return db.Set<OpenDvc.Accounts.ApiKeys.ApiKey>().Max(k => k.Id);
    }
}
