namespace OpenDvc.Resources;

/// <summary>Texts shared by every page (layout, navigation, common buttons): Resources/Site.resx (vi) and Site.en.resx.</summary>
public sealed class Site;
