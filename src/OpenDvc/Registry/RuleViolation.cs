namespace OpenDvc.Registry;

/// <summary>
/// A registry rule a record breaks: the field (the import column name) and a stable code with the message in
/// Vietnamese and English. The same rules serve the API, the web forms and the file import.
/// </summary>
public sealed record RuleViolation(string Field, string Code, string Vietnamese, string English);
