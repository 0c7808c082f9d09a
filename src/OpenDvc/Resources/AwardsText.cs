namespace OpenDvc.Resources;

/// <summary>Texts of the awards' pages: Vietnamese in AwardsText.resx, English in AwardsText.en.resx.</summary>
public sealed class AwardsText;
