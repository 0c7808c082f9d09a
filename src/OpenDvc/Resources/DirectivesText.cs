namespace OpenDvc.Resources;

/// <summary>Texts of the directives pages: Resources/DirectivesText.resx (vi) and DirectivesText.en.resx.</summary>
public sealed class DirectivesText;
