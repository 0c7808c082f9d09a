using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace OpenDvc.Platform.Cli;

/// <summary>
/// <c>--help</c> in the run's language (<see cref="CliApp.LanguageOption"/>): in Vietnamese, the symbols' Vietnamese
/// descriptions and System.CommandLine's headings, which it ships in other languages but not Vietnamese.
/// </summary>
internal sealed class CliHelp(HelpAction standard, IReadOnlyDictionary<Symbol, (string Vietnamese, string? English)> descriptions) : SynchronousCommandLineAction
{
    private static readonly (string English, string Vietnamese)[] Headings =
    [
        ("Description:", "Mô tả:"),
        ("Usage:", "Cách dùng:"),
        ("Arguments:", "Tham số:"),
        ("Options:", "Tùy chọn:"),
        ("Commands:", "Lệnh:"),
        ("[command]", "[lệnh]"),
        ("[options]", "[tùy chọn]"),
        ("[default: ", "[mặc định: "),
        ("(REQUIRED)", "(BẮT BUỘC)"),
        ("Show help and usage information", "Hiện trợ giúp và cách dùng"),
        ("Show version information", "Hiện phiên bản"),
    ];

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        // Help is the run's last act, so the descriptions can simply be set; both ways, since the shared options
        // (--database, --demo, --lang) outlive one run in the tests.
        var inVietnamese = CliApp.IsVietnamese(parseResult);
        foreach (var (symbol, (vietnamese, english)) in descriptions)
        {
            symbol.Description = inVietnamese ? vietnamese : english;
        }

        if (!inVietnamese)
        {
            return standard.Invoke(parseResult);
        }

        var configuration = parseResult.InvocationConfiguration;
        var output = configuration.Output;
        using var help = new StringWriter();
        configuration.Output = help;
        try
        {
            standard.Invoke(parseResult);
        }
        finally
        {
            configuration.Output = output;
        }

        var text = help.ToString();
        foreach (var (from, to) in Headings)
        {
            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        output.Write(text);
        return 0;
    }
}
