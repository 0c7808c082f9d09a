using System.Net;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform.Database;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Accounts;

public sealed class SecurityTests(SqliteApp fixture) : AppTests<SqliteApp>(fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/api/v1/units")]
    public async Task Responses_carry_the_security_headers(string path)
    {
        using var client = App.Anonymous();

        var response = await client.GetAsync(path, Ct);

        SecurityHeaderAssertions.AssertPresent(response);
    }

    [Theory]
    [InlineData("/api/v1/calendar/99999", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/units/no-such-unit", HttpStatusCode.NotFound)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/calendar/working-days?from=not-a-date&days=1", HttpStatusCode.BadRequest)]
    public async Task Issue_14_error_answers_carry_the_security_headers_too(string path, HttpStatusCode status)
    {
        using var client = App.Anonymous();

        var response = await client.GetAsync(path, Ct);

        Assert.Equal(status, response.StatusCode);
        SecurityHeaderAssertions.AssertPresent(response);
    }

    [Fact]
    public async Task Issue_14_an_unhandled_exception_is_a_500_problem_with_the_security_headers()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var client = app.Anonymous();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // A database that lost a table: the one failure an anonymous caller can reach without a bug to exploit.
            await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Database.ExecuteSqlRawAsync("DROP TABLE calendar_days", Ct);
        }

        var response = await client.GetAsync("/api/v1/calendar/2024", Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("OD-INTERNAL", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        SecurityHeaderAssertions.AssertPresent(response);
    }

    [Fact]
    public async Task Sign_out_needs_a_post_with_the_anti_forgery_token()
    {
        using var client = await App.SignInAsync("leaving", Roles.Viewer);

        var byGet = await client.GetAsync("/account/logout", Ct);
        var afterGet = await client.GetAsync("/account", Ct);
        var withoutToken = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]), Ct);
        var afterForgery = await client.GetAsync("/account", Ct);
        var withToken = await TestApp.PostFormAsync(client, "/account/logout", [], formPage: "/");
        var afterSignOut = await client.GetAsync("/account", Ct);

        Assert.Equal(HttpStatusCode.OK, afterGet.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, byGet.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterForgery.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterSignOut.StatusCode);
        Assert.Equal("/account/login", TestApp.PathOf(afterSignOut.Headers.Location));
    }

    [Theory]
    [InlineData("/admin/users?handler=Add", "/admin/users")]
    [InlineData("/admin/users?handler=SetRole", "/admin/users")]
    [InlineData("/admin/users?handler=ResetPassword", "/admin/users")]
    [InlineData("/admin/users?handler=Unlock", "/admin/users")]
    [InlineData("/admin/keys?handler=Issue", "/admin/keys")]
    [InlineData("/admin/keys?handler=Revoke", "/admin/keys")]
    [InlineData("/account", "/account")]
    public async Task Every_form_carries_and_requires_the_anti_forgery_token(string action, string formPage)
    {
        using var admin = await App.SignInAsync("forms-admin", Roles.Admin);
        var html = await admin.GetStringAsync(formPage, Ct);

        var forged = await admin.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "forms-admin", ["culture"] = "en" }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        foreach (System.Text.RegularExpressions.Match form in System.Text.RegularExpressions.Regex.Matches(html, "<form method=\"post\".*?</form>", System.Text.RegularExpressions.RegexOptions.Singleline))
        {
            Assert.Contains("__RequestVerificationToken", form.Value, StringComparison.Ordinal);
        }
    }
}
