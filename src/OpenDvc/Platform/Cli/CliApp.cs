using System.CommandLine;
using System.CommandLine.Help;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;

namespace OpenDvc.Platform.Cli;

/// <summary>Builds the whole app (services, endpoints) for a given run; one composition for web, CLI and tests.</summary>
public delegate WebApplication AppComposer(AppSettings settings);

/// <summary>
/// The <c>opendvc</c> command line: <c>serve</c> (the default), <c>migrate</c>, and the commands each
/// capability adds. Commands open the same app the web server runs, so they share every line of domain code.
/// </summary>
public sealed class CliApp
{
    public static readonly Option<string?> DatabaseOption = new("--database")
    {
        Description = "SQLite file path or PostgreSQL connection string (default: data/opendvc.db; env OPENDVC_DATABASE)",
        Recursive = true,
    };

    /// <summary>
    /// Demo data wherever the flag stands (<c>--demo migrate</c>, <c>migrate --demo</c>): <c>serve</c> loads the
    /// demo registry and ledger; other commands load the demo registry only, so a newcomer's own ingest fills the ledger.
    /// </summary>
    public static readonly Option<bool> DemoOption = new("--demo")
    {
        Description = "Load the demo registry (units' focal points, procedures, services) into an empty database; serve also loads the demo ledger (implied for the default SQLite file).",
        Recursive = true,
    };

    /// <summary>
    /// The language of <c>--help</c> (and of <c>report</c>'s pack, whose own <c>--lang</c> means the same): vi or en;
    /// without it, the environment's <c>OPENDVC_LANG</c>, else Vietnamese. Messages and errors give both languages.
    /// </summary>
    public static readonly Option<string?> LanguageOption = Language();

    private readonly Dictionary<Symbol, (string Vietnamese, string? English)> descriptions = [];

    /// <summary>The demo ledger's size set to none: what CLI commands run with (the bench does the same).</summary>
    private static readonly string[] NoDemoLedger = ["--Ledger:DemoDossiers=0"];

    private readonly AppComposer compose;

    public CliApp(AppComposer compose)
    {
        this.compose = compose;
        Describe(Root, "OpenDVC: danh mục, sổ cái hồ sơ và chỉ số của Chương trình dịch vụ công trực tuyến.");
        Describe(DatabaseOption, "Đường dẫn tệp SQLite hoặc chuỗi kết nối PostgreSQL (mặc định: data/opendvc.db; biến môi trường OPENDVC_DATABASE)");
        Describe(DemoOption, "Nạp danh mục mẫu (đầu mối của các đơn vị, thủ tục, dịch vụ) vào cơ sở dữ liệu trống; serve nạp cả sổ cái mẫu (mặc nhiên với tệp SQLite mặc định).");
        Describe(LanguageOption, "Ngôn ngữ của phần trợ giúp: vi hoặc en (mặc định: biến môi trường OPENDVC_LANG, nếu không có thì vi).");
        var urls = Describe(new Option<string?>("--urls") { Description = "Addresses to listen on (default http://localhost:5080)." }, "Địa chỉ lắng nghe (mặc định http://localhost:5080).");
        var serve = Describe(new Command("serve", "Run the web app and API (the default command).") { urls }, "Chạy ứng dụng web và API (lệnh mặc định).");
        serve.SetAction((parse, ct) => Run(() => ServeAsync(parse, parse.GetValue(urls), ct)));
        Root.Subcommands.Add(serve);
        Root.Options.Add(DemoOption);
        Root.Options.Add(urls);
        Root.SetAction((parse, ct) => Run(() => ServeAsync(parse, parse.GetValue(urls), ct)));

        var migrate = Describe(
            new Command("migrate", "Apply pending database migrations and load reference data (with --demo, the demo registry), then exit."),
            "Áp dụng các bản cập nhật cấu trúc cơ sở dữ liệu và nạp dữ liệu tham chiếu (với --demo, danh mục mẫu), rồi thoát.");
        migrate.SetAction((parse, ct) => Run(async () =>
        {
            await using var app = await OpenAsync(parse, ct);
            Console.WriteLine($"database up to date: {app.Services.GetRequiredService<DatabaseSettings>().Describe()}");
        }));
        Root.Subcommands.Add(migrate);
    }

    private async Task ServeAsync(ParseResult parse, string? urls, CancellationToken cancellationToken)
    {
        var database = DatabaseSettings.Resolve(parse.GetValue(DatabaseOption));
        var settings = new AppSettings(database, []) { Demo = parse.GetValue(DemoOption) || database.IsDefault, Urls = urls };
        await using var app = compose(settings);
        await PrepareDatabaseAsync(app, settings, cancellationToken);
        app.Logger.LogInformation("OpenDVC on {Database}", database.Describe());
        try
        {
            await app.RunAsync(cancellationToken);
        }
        catch (IOException e) when (e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException(Refusal.Of(PlatformCodes.AddressInUse, e.Message));
        }
    }

    public RootCommand Root { get; } = new("OpenDVC: the online public services programme's registry, ledger and indicators.");

    /// <summary>
    /// Opens the app for a CLI command: migrated, seeded (with <c>--demo</c>, the demo registry but not the demo
    /// ledger), not listening. Dispose when done.
    /// </summary>
    public async Task<WebApplication> OpenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var settings = new AppSettings(DatabaseSettings.Resolve(parse.GetValue(DatabaseOption)), NoDemoLedger)
        {
            IsCli = true,
            Demo = parse.GetValue(DemoOption),
        };
        var app = compose(settings);
        await PrepareDatabaseAsync(app, settings, cancellationToken);
        return app;
    }

    /// <summary>
    /// Opens the app on a database of the caller's choosing (the benchmark's throwaway ones), migrated and seeded,
    /// not listening; <paramref name="configuration"/> holds <c>--Section:Key=value</c> settings. Dispose when done.
    /// </summary>
    public async Task<WebApplication> OpenAsync(DatabaseSettings database, bool demo, string[] configuration, CancellationToken cancellationToken)
    {
        var settings = new AppSettings(database, configuration) { IsCli = true, Demo = demo };
        var app = compose(settings);
        await PrepareDatabaseAsync(app, settings, cancellationToken);
        return app;
    }

    /// <summary>Migrations first, then every capability's seeders: the same on every start.</summary>
    public static async Task PrepareDatabaseAsync(WebApplication app, AppSettings settings, CancellationToken cancellationToken)
    {
        await DatabaseModule.MigrateAsync(app.Services, cancellationToken);
        foreach (var seeder in app.Services.GetServices<IDatabaseSeeder>())
        {
            await seeder.SeedAsync(settings, cancellationToken);
        }
    }

    /// <summary>Gives <paramref name="symbol"/> its Vietnamese description; its <c>Description</c> stays the English one.</summary>
    public T Describe<T>(T symbol, string vietnameseDescription)
        where T : Symbol
    {
        ArgumentNullException.ThrowIfNull(symbol);
        descriptions[symbol] = (vietnameseDescription, symbol.Description);
        return symbol;
    }

    private static Option<string?> Language()
    {
        var option = new Option<string?>("--lang")
        {
            Description = "Language of the help: vi or en (default: environment OPENDVC_LANG, else vi).",
            Recursive = true,
        };
        option.AcceptOnlyFromAmong("vi", "en");
        return option;
    }

    /// <summary>Whether the run speaks Vietnamese: <c>--lang</c> (any command's), else <c>OPENDVC_LANG</c>, else yes.</summary>
    public static bool IsVietnamese(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var tokens = parse.Tokens;
        var language = Enumerable.Range(0, Math.Max(0, tokens.Count - 1))
            .Where(i => tokens[i].Value == LanguageOption.Name)
            .Select(i => tokens[i + 1].Value)
            .LastOrDefault() ?? Environment.GetEnvironmentVariable("OPENDVC_LANG");
        return !string.Equals(language, "en", StringComparison.OrdinalIgnoreCase);
    }

    public CliApp Add(Command command)
    {
        Root.Subcommands.Add(command);
        return this;
    }

    /// <summary>Runs a command body, turning expected failures into a clear message and exit code 1.</summary>
    public static async Task<int> Run(Func<Task> body)
    {
        try
        {
            await body();
            return 0;
        }
        catch (Exception e) when (e is System.Data.Common.DbException || e.InnerException is System.Data.Common.DbException or System.Net.Sockets.SocketException)
        {
            var refusal = Refusal.Of(PlatformCodes.DatabaseUnavailable, e.Message);
            await Console.Error.WriteLineAsync($"error {refusal.Code}: {refusal.Vietnamese}");
            await Console.Error.WriteLineAsync($"error {refusal.Code}: {refusal.English}");
            return 1;
        }
        catch (CliException error)
        {
            await Console.Error.WriteLineAsync($"error {error.Code}: {error.Vietnamese}");
            await Console.Error.WriteLineAsync($"error {error.Code}: {error.English}");
            return 1;
        }
    }

    public async Task<int> InvokeAsync(string[] args)
    {
        Root.Options.Add(DatabaseOption);
        Root.Options.Add(LanguageOption);
        var help = Root.Options.OfType<HelpOption>().Single();
        help.Action = new CliHelp((HelpAction)help.Action!, descriptions);
        return await Root.Parse(args).InvokeAsync();
    }
}
