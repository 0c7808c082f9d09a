using System.Net;
using OpenDvc.Accounts.Users;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Accounts;

public sealed class SignInTests(SqliteApp fixture) : AppTests<SqliteApp>(fixture)
{
    [Fact]
    public async Task Locks_the_account_after_five_wrong_passwords()
    {
        await App.CreateUserAsync("lockme", Roles.Viewer);
        using var client = App.Anonymous();

        for (var i = 0; i < 5; i++)
        {
            var wrong = await TestApp.PostFormAsync(client, "/account/login", new() { ["UserName"] = "lockme", ["Password"] = "wrong-password-1" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var right = await TestApp.PostFormAsync(client, "/account/login", new() { ["UserName"] = "lockme", ["Password"] = TestApp.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("15", await right.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_form_refuses_a_post_without_the_anti_forgery_token()
    {
        await App.CreateUserAsync("forgery", Roles.Viewer);
        using var client = App.Anonymous();

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "forgery", ["Password"] = TestApp.Password }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Signs_in_with_the_right_password()
    {
        using var client = await App.SignInAsync("admin1", Roles.Admin);

        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("admin1", home, StringComparison.Ordinal);
    }
}
