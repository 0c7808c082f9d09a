using Microsoft.Playwright;
using OpenDvc.Tests.Platform;

[assembly: AssemblyFixture(typeof(OpenDvc.BrowserTests.Browser))]

namespace OpenDvc.BrowserTests;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright: one browser for the run. Never downloads a browser.
/// Without Chromium the tests are skipped with the reason, except in CI (CI=true), where that is a failure.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser? Instance { get; private set; }

    public string? Unavailable { get; private set; }

    /// <summary>Where screenshots go: kept by CI as test artifacts.</summary>
    public static string ArtifactsDirectory { get; } = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../artifacts/screenshots"));

    public async ValueTask InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? ChromiumPath;
        if (!File.Exists(path))
        {
            Unavailable = $"Chromium not found at {path} (apt-get install chromium)";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException(Unavailable);
            }

            return;
        }

        Directory.CreateDirectory(ArtifactsDirectory);
        playwright = await Playwright.CreateAsync();
        Instance = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Instance is not null)
        {
            await Instance.DisposeAsync();
        }

        playwright?.Dispose();
    }
}

/// <summary>A live app and a fresh browser context (its own cookies) per test class.</summary>
public abstract class BrowserTests(Browser browser, SqliteApp app) : IClassFixture<SqliteApp>
{
    protected TestApp App => app.App;

    protected async Task<IPage> NewPageAsync(string locale = "vi-VN")
    {
        Assert.SkipWhen(browser.Instance is null, browser.Unavailable ?? "");
        var context = await browser.Instance!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            Locale = locale,
        });
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Waits for a navigation to the URL to have built its DOM (the pages are server-rendered, and actions wait for
    /// their elements anyway); not for the load event of every stylesheet and image, which once stalled past 30 s in CI.
    /// </summary>
    protected static Task ArrivedAsync(IPage page, string url) =>
        page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.DOMContentLoaded });

    /// <inheritdoc cref="ArrivedAsync(IPage, string)"/>
    protected static Task ArrivedAsync(IPage page, System.Text.RegularExpressions.Regex url) =>
        page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.DOMContentLoaded });

    /// <summary>Signs in through the login form and waits to land on the page asked for.</summary>
    protected static async Task SignInAsync(IPage page, string user, string returnUrl)
    {
        await page.GotoAsync($"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.GetByLabel("Tên đăng nhập").FillAsync(user);
        await page.GetByLabel("Mật khẩu").FillAsync(TestApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await ArrivedAsync(page, $"**{returnUrl}");
    }

    protected static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ArtifactsDirectory, name + ".png"), FullPage = true });
}
