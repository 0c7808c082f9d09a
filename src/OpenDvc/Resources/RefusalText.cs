namespace OpenDvc.Resources;

/// <summary>Refusal messages keyed by code (Platform/Refusals): Vietnamese in RefusalText.resx, English in RefusalText.en.resx.</summary>
public sealed class RefusalText;
