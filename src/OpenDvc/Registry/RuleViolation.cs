using Microsoft.AspNetCore.Http.HttpResults;
using OpenDvc.Platform.Refusals;

namespace OpenDvc.Registry;

/// <summary>
/// A registry rule a record breaks: the field (the import column name) and a stable code with the message in
/// Vietnamese and English. The same rules serve the API, the web forms and the file import.
/// </summary>
public sealed record RuleViolation(string Field, string Code, string Vietnamese, string English)
{
    /// <summary>The field broken for <paramref name="refusal"/>'s code and messages.</summary>
    public RuleViolation(string field, Refusal refusal)
        : this(field, refusal.Code, refusal.Vietnamese, refusal.English)
    {
    }

    /// <summary>
    /// 422 with every broken rule: the title joins their messages, <c>violations</c> lists field, code and messages.
    /// The one shape of a rule-breaking input for every capability (registry, directives, incentives).
    /// </summary>
    public static ProblemHttpResult Problem(string code, IReadOnlyList<RuleViolation> violations) =>
        Refusal.Of(code, new Bilingual(string.Join(" ", violations.Select(v => v.Vietnamese).Distinct()), string.Join(" ", violations.Select(v => v.English).Distinct())))
            .With("violations", violations.Select(v => new { field = v.Field, code = v.Code, message_vi = v.Vietnamese, message_en = v.English }).ToList())
            .ToProblem();
}
