using OpenDvc.Platform.Refusals;

namespace OpenDvc.Platform.Cli;

/// <summary>An expected failure of a CLI command: printed as its stable code and both languages, exit code 1.</summary>
public sealed class CliException(string code, string vietnamese, string english) : Exception($"{code}: {english}")
{
    public CliException(Refusal refusal)
        : this(refusal.Code, refusal.Vietnamese, refusal.English)
    {
    }

    public string Code { get; } = code;
    public string Vietnamese { get; } = vietnamese;
    public string English { get; } = english;
}
