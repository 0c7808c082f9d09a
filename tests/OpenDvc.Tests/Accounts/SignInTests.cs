using System.Net;
using Microsoft.Extensions.Options;
using OpenDvc.Accounts;
using OpenDvc.Accounts.Users;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Accounts;

public sealed class SignInTests(SqliteApp fixture) : AppTests<SqliteApp>(fixture)
{
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

    [Fact]
    public async Task Refuses_to_start_with_a_sign_in_limit_of_zero()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(demo: false, configuration: ["--Accounts:SignInAttemptsPerClient=0"]));

        Assert.Contains(nameof(AccountsOptions.SignInAttemptsPerClient), error.Message, StringComparison.Ordinal);
    }
}
