namespace OpenDvc.Platform.Refusals;

/// <summary>
/// An argument of a refusal's message that is itself text in both languages (the joined messages of broken rules):
/// the Vietnamese message takes <see cref="Vietnamese"/>, the English one <see cref="English"/>.
/// </summary>
public sealed record Bilingual(string Vietnamese, string English);
