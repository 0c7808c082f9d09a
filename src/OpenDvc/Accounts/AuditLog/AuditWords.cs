using Microsoft.Extensions.Localization;

namespace OpenDvc.Accounts.AuditLog;

/// <summary>
/// The audit log's stored names (actions, entity types, fields: the code's names, kept so exports stay stable) in the
/// reader's words for the page, from AccountsText; a name without a translation shows as it is stored.
/// </summary>
public static class AuditWords
{
    public static string Action(IStringLocalizer text, string name) => Of(text, "Audit.Action.", name);

    public static string Entity(IStringLocalizer text, string name) => Of(text, "Audit.Entity.", name);

    public static string Field(IStringLocalizer text, string name) => Of(text, "Audit.Field.", name);

    private static string Of(IStringLocalizer text, string prefix, string name)
    {
        var word = text[prefix + name];
        return word.ResourceNotFound ? name : word.Value;
    }
}
