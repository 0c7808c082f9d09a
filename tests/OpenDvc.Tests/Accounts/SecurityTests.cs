using System.Net;
using OpenDvc.Accounts.Users;
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

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
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
